package org.galdav.book;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import java.util.HashSet;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Locale;
import java.util.Set;
import org.galdav.core.query.Collation;
import org.galdav.mapping.SearchableAttributes;

/**
 * Reads the directory's schema to decide where text searches may be pushed down: only to attributes
 * whose matching rules ignore case (or, for i;octet, at least match exact values). An attribute the
 * schema does not describe is assumed case-insensitive, which is what directories use for names,
 * mail addresses and phone numbers.
 */
final class SchemaRules implements SearchableAttributes {
    /** Rules at least as lenient as every CardDAV collation (RFC 4517 §4.2). */
    private static final Set<String> CASE_IGNORING = Set.of(
            "caseignorematch", "caseignoresubstringsmatch", "caseignoreia5match", "caseignoreia5substringsmatch",
            "telephonenumbermatch", "telephonenumbersubstringsmatch", "numericstringmatch",
            "numericstringsubstringsmatch", "caseignorelistmatch", "caseignorelistsubstringsmatch",
            "2.5.13.2", "2.5.13.4", "1.3.6.1.4.1.1466.109.114.2", "1.3.6.1.4.1.1466.109.114.3",
            "2.5.13.20", "2.5.13.21", "2.5.13.8", "2.5.13.10", "2.5.13.11", "2.5.13.12");
    /** Case-sensitive rules: only safe for i;octet, which is stricter still. */
    private static final Set<String> CASE_EXACT = Set.of(
            "caseexactmatch", "caseexactsubstringsmatch", "caseexactia5match", "caseexactia5substringsmatch",
            "2.5.13.5", "2.5.13.7", "1.3.6.1.4.1.1466.109.114.1", "1.3.6.1.4.1.26027.1.4.902");

    private final Schema schema;

    SchemaRules(Schema schema) {
        this.schema = schema;
    }

    static SearchableAttributes of(Schema schema) {
        return schema == null ? SearchableAttributes.CASE_INSENSITIVE : new SchemaRules(schema);
    }

    /**
     * Syntaxes whose values Active Directory compares case-insensitively: its subschema publishes only
     * SYNTAX, without EQUALITY or SUBSTR rules (Unicode String, Printable, Numeric, Telephone).
     */
    private static final Set<String> CASE_IGNORING_SYNTAXES = Set.of("1.3.6.1.4.1.1466.115.121.1.15",
            "1.3.6.1.4.1.1466.115.121.1.44", "1.3.6.1.4.1.1466.115.121.1.36", "1.3.6.1.4.1.1466.115.121.1.50");

    @Override
    public boolean substringsSafe(String attribute, Collation collation) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        if (type == null) {
            return true;
        }
        String rule = type.getSubstringMatchingRule(schema);
        return rule == null && type.getEqualityMatchingRule(schema) == null ? bySyntax(type) : safe(rule, collation);
    }

    private boolean bySyntax(AttributeTypeDefinition type) {
        String syntax = type.getSyntaxOID(schema);
        return syntax != null && CASE_IGNORING_SYNTAXES.contains(syntax.replaceAll("\\{.*", ""));
    }

    @Override
    public boolean equalitySafe(String attribute, Collation collation) {
        AttributeTypeDefinition type = schema.getAttributeType(attribute);
        if (type == null) {
            return true;
        }
        String rule = type.getEqualityMatchingRule(schema);
        if (rule == null && type.getSubstringMatchingRule(schema) == null) {
            return bySyntax(type);
        }
        if (rule != null && (rule.equalsIgnoreCase("uuidMatch") || rule.equals("1.3.6.1.1.16.2"))) {
            // UUIDs compare as numbers: equal text under any collation is an equal UUID.
            return true;
        }
        return safe(rule, collation);
    }

    @Override
    public Set<String> alwaysPresent(Filter entryFilter) {
        switch (entryFilter.getFilterType()) {
            case Filter.FILTER_TYPE_EQUALITY: {
                if (!entryFilter.getAttributeName().equalsIgnoreCase("objectClass")) {
                    return Set.of();
                }
                ObjectClassDefinition objectClass = schema.getObjectClass(entryFilter.getAssertionValue());
                if (objectClass == null) {
                    return Set.of();
                }
                Set<String> names = new HashSet<>();
                for (AttributeTypeDefinition type : objectClass.getRequiredAttributes(schema, true)) {
                    for (String name : type.getNames()) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
                return names;
            }
            case Filter.FILTER_TYPE_OR: {
                Set<String> common = null;
                for (Filter component : entryFilter.getComponents()) {
                    Set<String> required = alwaysPresent(component);
                    if (common == null) {
                        common = new HashSet<>(required);
                    } else {
                        common.retainAll(required);
                    }
                }
                return common == null ? Set.of() : common;
            }
            case Filter.FILTER_TYPE_AND: {
                Set<String> all = new HashSet<>();
                for (Filter component : entryFilter.getComponents()) {
                    all.addAll(alwaysPresent(component));
                }
                return all;
            }
            default:
                return Set.of();
        }
    }

    private static boolean safe(String rule, Collation collation) {
        if (rule == null) {
            return false; // no such matching: a filter would be undefined and match nothing
        }
        String name = rule.toLowerCase(Locale.ROOT);
        return CASE_IGNORING.contains(name) || (collation == Collation.OCTET && CASE_EXACT.contains(name));
    }
}
