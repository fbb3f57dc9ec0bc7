package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Optional;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.CardMatcher;
import org.galdav.core.query.Collation;
import org.galdav.core.query.MatchType;
import org.galdav.core.query.ParamFilter;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.Combination;
import org.galdav.core.query.TextMatch;
import org.galdav.vcard.RenderedCard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LDAP filter is selective, never misses a matching entry, and no value changes its structure. */
class QueryTranslatorTest {
    private static final Mapping MAPPING = MappingLoader.load("mappings/inetorgperson.conf");
    private static final QueryTranslator TRANSLATOR = new QueryTranslator(MAPPING, SearchableAttributes.CASE_INSENSITIVE);
    private static final EntryMapper MAPPER = new EntryMapper(MAPPING);
    private static final Entry ANNA = new Entry("uid=anna,ou=People,dc=example,dc=com",
            new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
            new com.unboundid.ldap.sdk.Attribute("entryUUID", "6b2c3b7e-1111-4222-8333-944445555666"),
            new com.unboundid.ldap.sdk.Attribute("uid", "anna"),
            new com.unboundid.ldap.sdk.Attribute("cn", "Anna (Ops) *Star* Łukasik"),
            new com.unboundid.ldap.sdk.Attribute("sn", "Łukasik"),
            new com.unboundid.ldap.sdk.Attribute("givenName", "Anna"),
            new com.unboundid.ldap.sdk.Attribute("mail", "anna@example.com"),
            new com.unboundid.ldap.sdk.Attribute("mobile", "+48 600 100 200"));

    @org.junit.jupiter.api.Test
    void containsOnFnBecomesSubstringFiltersOnTheNameAttributes() {
        Filter filter = TRANSLATOR.translate(query("FN", "ann", MatchType.CONTAINS));
        String text = filter.toString();
        assertThat(text).contains("(displayName=*ann*)", "(cn=*ann*)", "(givenName=*ann*)", "(sn=*ann*)");
        assertThat(text).doesNotContain("(objectClass=*)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", ")(objectClass=*", "\\", "*)(|(cn=*", "a\u0000b", "Star*", "(Ops)", "Łuk", "ANNA"})
    void valuesAreEscapedAndNeverChangeTheFilterStructure(String value) throws Exception {
        for (MatchType type : MatchType.values()) {
            for (Collation collation : Collation.values()) {
                Filter filter = TRANSLATOR.translate(query("FN", value, type, collation));
                assertThat(Filter.create(filter.toString())).as("escaped so that it parses back").isEqualTo(filter);
            }
            // With i;octet every value is sent as one spelling, so the filter's shape must not depend on it
            // at all. (Under i;unicode-casemap the number of spellings depends on the letters; see
            // NeedleVariants.)
            Filter octet = TRANSLATOR.translate(query("FN", value, type, Collation.OCTET));
            assertThat(shape(octet)).isEqualTo(shape(TRANSLATOR.translate(query("FN", "harmless", type, Collation.OCTET))));
        }
    }

    @org.junit.jupiter.api.Test
    void searchesEverySpellingThatUnicodeCasemapConsidersEqual() {
        String text = TRANSLATOR.translate(query("FN", "yil", MatchType.CONTAINS)).toString();
        assertThat(text).contains("(cn=*yil*)", "(cn=*y\\c4\\b1l*)");
        String accent = TRANSLATOR.translate(query("FN", "is", MatchType.STARTS_WITH)).toString();
        assertThat(accent).as("s may be the start of ş").contains("(cn=is*)", "(cn=i\\c5\\9f*)");
        String decomposed = TRANSLATOR.translate(query("FN", "Rene\u0301e", MatchType.EQUALS)).toString();
        assertThat(decomposed).contains("(cn=Ren\\c3\\a9e)", "(cn=Rene\\cc\\81e)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ANNA", "Star*", "(Ops)", "Łuk", "łukasik", "anna@", "600 100", "Anna Ł", "nobody"})
    void neverRejectsAnEntryTheReferenceAccepts(String value) throws Exception {
        RenderedCard card = RenderedCard.of(MAPPER.map(ANNA, MemberResolver.NONE).orElseThrow(), "test");
        for (String property : List.of("FN", "EMAIL", "TEL", "N", "NICKNAME")) {
            for (MatchType type : MatchType.values()) {
                CardFilter query = query(property, value, type);
                if (CardMatcher.matches(query, card.properties())) {
                    assertThat(TRANSLATOR.translate(query).matchesEntry(ANNA))
                            .as(property + " " + type + " " + value).isTrue();
                }
            }
        }
    }

    /** A megabyte needle used to take minutes and end in OutOfMemoryError; the timeout only guards a hang. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(60)
    void longNeedlesAreLinearAndTheFilterStaysWithinItsBudget() {
        for (MatchType type : MatchType.values()) {
            Filter filter = TRANSLATOR.translate(query("FN", "b" + "A".repeat(999_999), type));
            assertThat(FilterBudget.assertionBytes(filter)).as(type.toString())
                    .isLessThanOrEqualTo(FilterBudget.MAX_ASSERTION_BYTES);
        }
        // Many letters with other spellings (i/ı): too many spellings, the search widens.
        assertThat(TRANSLATOR.translate(query("FN", "i".repeat(100_000), MatchType.CONTAINS)).toString())
                .doesNotContain("iiii");
        // A needle with a few of them keeps every spelling, the original first.
        assertThat(NeedleVariants.of("Işil", Collation.UNICODE_CASEMAP, MatchType.EQUALS).orElseThrow())
                .startsWith("Işil", "Işıl", "ışil", "ışıl").contains("Is\u0327ıl").hasSize(8);
        List<PropFilter> many = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            many.add(PropFilter.of("FN", false, Combination.ANY_OF, List.of(new TextMatch("x".repeat(250) + i,
                    Collation.UNICODE_CASEMAP, MatchType.CONTAINS, false)), List.of()));
        }
        Filter all = TRANSLATOR.translate(new CardFilter(Combination.ALL_OF, many));
        assertThat(FilterBudget.assertionBytes(all)).isLessThanOrEqualTo(FilterBudget.MAX_ASSERTION_BYTES);
        assertThat(all.toString()).as("the first text-matches are still pushed down").contains("x".repeat(250) + "0");
    }

    @org.junit.jupiter.api.Test
    void unmappedPropertiesNeverMatchAndNegationWidens() {
        Filter unmapped = TRANSLATOR.translate(query("X-SHOE-SIZE", "42", MatchType.EQUALS));
        assertThat(unmapped.toString()).contains("(!(objectClass=*))");
        CardFilter negated = new CardFilter(Combination.ANY_OF, List.of(PropFilter.of("FN", false, Combination.ANY_OF,
                List.of(new TextMatch("x", Collation.UNICODE_CASEMAP, MatchType.CONTAINS, true)), List.of())));
        assertThat(TRANSLATOR.translate(negated).toString()).doesNotContain("*x*");
        CardFilter param = new CardFilter(Combination.ANY_OF, List.of(PropFilter.of("TEL", false, Combination.ANY_OF, List.of(),
                List.of(new ParamFilter("TYPE", false, Optional.empty())))));
        assertThat(TRANSLATOR.translate(param).toString()).contains("mobile=*");
    }

    @org.junit.jupiter.api.Test
    void isNotDefinedWidensExceptForUidWhichAlwaysExists() {
        assertThat(TRANSLATOR.translate(notDefined("UID")).toString()).contains("(!(objectClass=*))");
        assertThat(TRANSLATOR.translate(notDefined("EMAIL")).toString()).as("a blank mail value is no EMAIL")
                .isEqualTo(MAPPING.entryFilter().toString());
        assertThat(TRANSLATOR.translate(notDefined("item1.EMAIL")).toString()).as("grouped: never defined")
                .isEqualTo(MAPPING.entryFilter().toString());
    }

    private static CardFilter notDefined(String property) {
        return new CardFilter(Combination.ANY_OF, List.of(PropFilter.of(property, true, Combination.ANY_OF, List.of(), List.of())));
    }

    private static CardFilter query(String property, String value, MatchType type) {
        return query(property, value, type, Collation.UNICODE_CASEMAP);
    }

    private static CardFilter query(String property, String value, MatchType type, Collation collation) {
        return new CardFilter(Combination.ANY_OF, List.of(PropFilter.of(property, false, Combination.ANY_OF,
                List.of(new TextMatch(value, collation, type, false)), List.of())));
    }

    /** The filter tree with every assertion value blanked out. */
    private static String shape(Filter filter) {
        StringBuilder out = new StringBuilder().append(filter.getFilterType()).append('(');
        if (filter.getAttributeName() != null) {
            out.append(filter.getAttributeName());
        }
        for (Filter component : filter.getComponents()) {
            out.append(shape(component));
        }
        if (filter.getNOTComponent() != null) {
            out.append(shape(filter.getNOTComponent()));
        }
        if (filter.getSubAnyStrings() != null) {
            out.append(filter.getSubAnyStrings().length).append(filter.getSubInitialString() != null)
                    .append(filter.getSubFinalString() != null);
        }
        return out.append(')').toString();
    }
}
