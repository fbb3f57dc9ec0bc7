package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping language's conversions, one rule at a time. */
class EntryMapperTest {
    private static final Entry ENTRY = new Entry("uid=x,ou=People,dc=example,dc=com",
            new Attribute("objectClass", "inetOrgPerson"), new Attribute("entryUUID", "0a1b2c3d-0000-4000-8000-000000000001"),
            new Attribute("cn", "Xavier X"), new Attribute("birthDate", "19840229"),
            new Attribute("memberOf", "cn=Sales Team,ou=Groups,dc=example,dc=com", "CN=Berlin Office,OU=Groups,DC=example"),
            new Attribute("proxyAddresses", "sip:x@example.com", "smtp:alias@example.com", "SMTP:x@example.com"),
            new Attribute("jpegPhoto", "definitely not an image".getBytes()),
            new Attribute("description", "tab\there, vertical\u000btab, bell\u0007"));

    private static List<MappedProperty> map(String rules) {
        Mapping mapping = MappingLoader.parse("test", ConfigFactory.parseString(
                "entry-filter = \"(objectClass=*)\"\nproperties = [ { name = FN, value = \"{cn}\" }, " + rules + " ]"));
        return new EntryMapper(mapping).map(ENTRY, MemberResolver.NONE).orElseThrow().properties();
    }

    private static List<String> values(List<MappedProperty> properties, String name) {
        return properties.stream().filter(p -> p.name().equals(name)).map(p -> p.value().text()).toList();
    }

    @Test
    void constantsAndExtensionProperties() {
        List<MappedProperty> props = map("{ name = X-SOURCE, value = \"Company directory\" }");
        assertThat(values(props, "X-SOURCE")).containsExactly("Company directory");
    }

    @Test
    void datesBecomeBirthdays() {
        MappedProperty bday = map("{ name = BDAY, value = \"{birthDate}\" }").stream()
                .filter(p -> p.name().equals("BDAY")).findFirst().orElseThrow();
        assertThat(((MappedValue.Date) bday.value()).value()).isEqualTo(LocalDate.of(1984, 2, 29));
    }

    @Test
    void groupMembershipBecomesCategories() {
        assertThat(values(map("{ name = CATEGORIES, value = \"{memberOf}\", kind = dn-value }"), "CATEGORIES"))
                .containsExactly("Sales Team", "Berlin Office");
    }

    @Test
    void prefixedValuesKeepThePrimaryFirstAndDropOtherPrefixes() {
        List<MappedProperty> mails = map("{ name = EMAIL, value = \"{proxyAddresses}\", strip-prefix = \"smtp:\","
                + " primary-prefix = \"SMTP:\" }").stream().filter(p -> p.name().equals("EMAIL")).toList();
        assertThat(mails).extracting(p -> p.value().text()).containsExactly("x@example.com", "alias@example.com");
        assertThat(mails).extracting(MappedProperty::preferred).containsExactly(true, false);
    }

    @Test
    void brokenPhotosAreLeftOutAndControlCharactersRemoved() {
        List<MappedProperty> props = map("{ name = PHOTO, value = \"{jpegPhoto}\" }, { name = NOTE, value = \"{description}\" }");
        assertThat(values(props, "PHOTO")).isEmpty();
        assertThat(values(props, "NOTE")).containsExactly("tab\there, vertical\ntab, bell");
    }
}
