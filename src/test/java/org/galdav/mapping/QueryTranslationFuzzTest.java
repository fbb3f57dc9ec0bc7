package org.galdav.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.galdav.config.SettingsLoader;
import org.galdav.core.CardProperty;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.CardMatcher;
import org.galdav.core.query.Collation;
import org.galdav.core.query.Combination;
import org.galdav.core.query.MatchType;
import org.galdav.core.query.ParamFilter;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.TextMatch;
import org.galdav.http.RequestLimits;
import org.galdav.vcard.RenderedCard;

/**
 * Filters within the production limits → LDAP filters: translation never fails, the filter carries at most
 * {@link FilterBudget#MAX_ASSERTION_BYTES} of searched text (plus the mapping's own entry filter), parses back
 * to itself (every value escaped), and never rejects an entry whose card the reference matcher accepts (RFC
 * 6352 §10.5). Needles are fuzzed text or pieces of the entries' own values, so matches happen. Normal runs
 * replay src/test/resources/org/galdav/mapping/QueryTranslationFuzzTestInputs; {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=QueryTranslationFuzzTest} fuzzes for real.
 */
class QueryTranslationFuzzTest {
    private static final RequestLimits LIMITS = SettingsLoader.load(ConfigFactory.empty()).limits();
    private static final Mapping MAPPING = MappingLoader.load("mappings/inetorgperson.conf");
    private static final QueryTranslator TRANSLATOR = new QueryTranslator(MAPPING, SearchableAttributes.CASE_INSENSITIVE);
    private static final String[] PROPERTIES = {"FN", "N", "EMAIL", "TEL", "NICKNAME", "ORG", "TITLE", "ADR", "UID",
        "NOTE", "CATEGORIES", "KIND", "MEMBER", "X-UNKNOWN", "item1.EMAIL"};
    private static final String[] PARAMETERS = {"TYPE", "PREF", "X-OTHER"};
    private static final List<Entry> ENTRIES = List.of(
            person("anna", "6b2c3b7e-1111-4222-8333-944445555666", "Anna (Ops) *Star* Łukasik", "Łukasik", "Anna",
                    "anna@example.com", "+48 600 100 200"),
            person("isil", "6b2c3b7e-2222-4222-8333-944445555666", "Işıl Yılmaz", "Yılmaz", "Işıl",
                    "ISIL@EXAMPLE.COM", "+90 212 555 0101"),
            person("sofia", "6b2c3b7e-3333-4222-8333-944445555666", "ΣΟΦΊΑ Παπαδοπούλου", "Παπαδοπούλου", "Σοφία",
                    "sofia@example.gr", "+30 21 0000 0000"),
            person("rene", "6b2c3b7e-4444-4222-8333-944445555666", "Rene\u0301e Dupont-Straße", "Dupont-Straße", "Renée",
                    "rene@exämple.de", "ｆｕｌｌ　ｗｉｄｔｈ"));
    private static final List<List<CardProperty>> CARDS = ENTRIES.stream().map(QueryTranslationFuzzTest::card).toList();
    private static final List<String> VALUES = CARDS.stream().flatMap(List::stream).map(CardProperty::value)
            .filter(v -> !v.isEmpty()).toList();

    @FuzzTest(maxDuration = "10m")
    void translationIsBoundedAndNeverRejectsAMatch(FuzzedDataProvider data) throws LDAPException {
        CardFilter filter = filter(data);
        Filter ldap = TRANSLATOR.translate(filter);
        assertThat(FilterBudget.assertionBytes(ldap)).as(filter.toString())
                .isLessThanOrEqualTo(FilterBudget.MAX_ASSERTION_BYTES + FilterBudget.assertionBytes(MAPPING.entryFilter()));
        // Compared as text: UnboundID's equals refuses ORs that hold one component twice.
        assertThat(Filter.create(ldap.toString()).toString()).as("every value escaped").isEqualTo(ldap.toString());
        for (int i = 0; i < ENTRIES.size(); i++) {
            if (CardMatcher.matches(filter, CARDS.get(i))) {
                assertThat(ldap.matchesEntry(ENTRIES.get(i))).as("%s rejects %s for %s", ldap, ENTRIES.get(i).getDN(),
                        filter).isTrue();
            }
        }
    }

    /** A filter within the limits the HTTP layer enforces: prop-filters, text-matches, text length. */
    private static CardFilter filter(FuzzedDataProvider data) {
        int textMatches = 0;
        List<PropFilter> propFilters = new ArrayList<>();
        int count = data.consumeInt(0, LIMITS.maxPropFilters());
        for (int i = 0; i < count; i++) {
            String name = data.pickValue(PROPERTIES);
            Combination test = data.pickValue(Combination.values());
            if (data.consumeInt(0, 7) == 0) {
                propFilters.add(PropFilter.of(name, true, test, List.of(), List.of()));
                continue;
            }
            List<TextMatch> matches = new ArrayList<>();
            for (int n = data.consumeInt(0, 3); n > 0 && textMatches < LIMITS.maxTextMatches(); n--, textMatches++) {
                matches.add(textMatch(data));
            }
            List<ParamFilter> params = new ArrayList<>();
            for (int n = data.consumeInt(0, 2); n > 0; n--) {
                boolean withText = data.consumeBoolean() && textMatches < LIMITS.maxTextMatches();
                textMatches += withText ? 1 : 0;
                params.add(withText ? new ParamFilter(data.pickValue(PARAMETERS), false, Optional.of(textMatch(data)))
                        : new ParamFilter(data.pickValue(PARAMETERS), data.consumeBoolean(), Optional.empty()));
            }
            propFilters.add(PropFilter.of(name, false, test, matches, params));
        }
        return new CardFilter(data.pickValue(Combination.values()), propFilters);
    }

    private static TextMatch textMatch(FuzzedDataProvider data) {
        return new TextMatch(needle(data), data.pickValue(Collation.values()), data.pickValue(MatchType.values()),
                data.consumeInt(0, 4) == 0);
    }

    /** Fuzzed text, or a piece of a real value, maybe in other letter case. */
    private static String needle(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeString(LIMITS.maxTextLength());
        }
        int[] cps = data.pickValue(VALUES).codePoints().toArray();
        int start = data.consumeInt(0, cps.length - 1);
        String piece = new String(cps, start, data.consumeInt(1, cps.length - start));
        return switch (data.consumeInt(0, 2)) {
            case 0 -> piece.toUpperCase(Locale.ROOT);
            case 1 -> piece.toLowerCase(Locale.ROOT);
            default -> piece;
        };
    }

    private static Entry person(String uid, String uuid, String cn, String sn, String givenName, String mail,
                                String phone) {
        return new Entry("uid=" + uid + ",ou=People,dc=example,dc=com",
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("entryUUID", uuid), new Attribute("uid", uid), new Attribute("cn", cn),
                new Attribute("sn", sn), new Attribute("givenName", givenName), new Attribute("mail", mail),
                new Attribute("mobile", phone), new Attribute("title", "Head of *Things* (acting)"),
                new Attribute("o", "Example; Inc."), new Attribute("ou", "R&D, Europe"));
    }

    private static List<CardProperty> card(Entry entry) {
        return RenderedCard.of(new EntryMapper(MAPPING).map(entry, MemberResolver.NONE).orElseThrow(), "fuzz")
                .properties();
    }
}
