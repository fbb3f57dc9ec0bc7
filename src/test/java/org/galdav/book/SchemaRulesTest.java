package org.galdav.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.schema.Schema;
import org.galdav.core.query.Collation;
import org.junit.jupiter.api.Test;

/** Where searches may be pushed down, by the directory's schema. */
class SchemaRulesTest {
    @Test
    void standardSchema() throws Exception {
        SchemaRules rules = new SchemaRules(Schema.getDefaultStandardSchema());
        assertThat(rules.substringsSafe("cn", Collation.UNICODE_CASEMAP)).isTrue();
        assertThat(rules.substringsSafe("mail", Collation.ASCII_CASEMAP)).isTrue();
        assertThat(rules.substringsSafe("telephoneNumber", Collation.UNICODE_CASEMAP)).isTrue();
        assertThat(rules.equalitySafe("labeledURI", Collation.UNICODE_CASEMAP)).as("caseExactMatch").isFalse();
        assertThat(rules.equalitySafe("labeledURI", Collation.OCTET)).isTrue();
        assertThat(rules.substringsSafe("jpegPhoto", Collation.OCTET)).as("no substring rule").isFalse();
        assertThat(rules.substringsSafe("notInTheSchema", Collation.UNICODE_CASEMAP)).isTrue();
        assertThat(rules.alwaysPresent(Filter.create("(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))")))
                .contains("cn").doesNotContain("sn", "member");
    }

    @Test
    void activeDirectoryPublishesSyntaxesOnly() throws Exception {
        Schema ad = new Schema(new com.unboundid.ldap.sdk.Entry("cn=Aggregate,cn=Schema,cn=Configuration,dc=ad",
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "subSchema"),
                new com.unboundid.ldap.sdk.Attribute("attributeTypes",
                        "( 1.2.840.113556.1.4.13 NAME 'displayName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' SINGLE-VALUE )",
                        "( 1.2.840.113556.1.2.210 NAME 'proxyAddresses' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' )",
                        "( 1.2.840.113556.1.4.656 NAME 'userPrincipalName' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' )",
                        "( 1.2.840.113556.1.2.146 NAME 'company' SYNTAX '1.3.6.1.4.1.1466.115.121.1.15' )",
                        "( 1.2.840.113556.1.4.2 NAME 'objectGUID' SYNTAX '1.3.6.1.4.1.1466.115.121.1.40' SINGLE-VALUE )",
                        "( 1.2.840.113556.1.4.1 NAME 'someCaseExactIa5' SYNTAX '1.3.6.1.4.1.1466.115.121.1.26' )")));
        SchemaRules rules = new SchemaRules(ad);
        assertThat(rules.substringsSafe("displayName", Collation.UNICODE_CASEMAP)).isTrue();
        assertThat(rules.equalitySafe("proxyAddresses", Collation.UNICODE_CASEMAP)).isTrue();
        assertThat(rules.substringsSafe("objectGUID", Collation.UNICODE_CASEMAP)).isFalse();
        assertThat(rules.substringsSafe("someCaseExactIa5", Collation.UNICODE_CASEMAP)).as("AD IA5 is case-exact").isFalse();
    }
}
