package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.CARD;
import static org.galdav.support.Multistatus.DAV;

import ezvcard.VCard;
import ezvcard.parameter.TelephoneType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * RFC 6352 §8.6/§10.5 addressbook-query over HTTP against the demo directory. Expected answers are
 * computed here from the full book, parsed with ez-vcard, independently of the server's matcher.
 */
class AddressbookQueryTest {
    private static final String BOOK = CardTestSupport.BOOK;
    private static final DavClient CLIENT = TestServers.demoClient();
    private static List<VCard> everyone;

    @BeforeAll
    static void readTheWholeBook() {
        Multistatus ms = Multistatus.parse(CLIENT.report(BOOK, "1", Bodies.query("", null)).body());
        everyone = ms.responses().stream().map(r -> Cards.parseOne(r.okText(CARD, "address-data"))).toList();
        assertThat(everyone).hasSizeGreaterThan(TestServers.DEMO_PEOPLE);
    }

    @Test
    void paramFilterSelectsCellPhonesOnly() {
        Set<String> got = uids("<C:filter><C:prop-filter name='TEL'><C:param-filter name='TYPE'>"
                + "<C:text-match collation='i;ascii-casemap' match-type='equals'>cell</C:text-match>"
                + "</C:param-filter></C:prop-filter></C:filter>");
        assertThat(got).isEqualTo(expected(c -> c.getTelephoneNumbers().stream()
                .anyMatch(t -> t.getTypes().contains(TelephoneType.CELL))));
    }

    @Test
    void allofNeedsEveryPropFilterAndAnyofOne() {
        String fnAnn = "<C:prop-filter name='FN'><C:text-match>an</C:text-match></C:prop-filter>";
        String mailDemo = "<C:prop-filter name='EMAIL'><C:text-match>demo.galdav</C:text-match></C:prop-filter>";
        String noMobile = "<C:prop-filter name='TEL'><C:text-match>+49 17</C:text-match></C:prop-filter>";
        Predicate<VCard> fn = c -> fold(c.getFormattedName().getValue()).contains("AN");
        Predicate<VCard> mail = c -> c.getEmails().stream().anyMatch(e -> fold(e.getValue()).contains("DEMO.GALDAV"));
        Predicate<VCard> tel = c -> c.getTelephoneNumbers().stream().anyMatch(t -> t.getText().contains("+49 17"));
        assertThat(uids("<C:filter test='allof'>" + fnAnn + mailDemo + noMobile + "</C:filter>"))
                .isEqualTo(expected(fn.and(mail).and(tel))).isNotEmpty();
        assertThat(uids("<C:filter test='anyof'>" + fnAnn + noMobile + "</C:filter>"))
                .isEqualTo(expected(fn.or(tel)));
    }

    @Test
    void negatedTextMatch() {
        Set<String> got = uids("<C:filter><C:prop-filter name='FN'><C:text-match negate-condition='yes'>a"
                + "</C:text-match></C:prop-filter></C:filter>");
        assertThat(got).isEqualTo(expected(c -> !fold(c.getFormattedName().getValue()).contains("A"))).isNotEmpty();
    }

    @Test
    void collationsDiffer() {
        String demoFn = everyone.stream().filter(c -> c.getNicknames().stream()
                .anyMatch(n -> n.getValues().contains("demo"))).findFirst().orElseThrow().getFormattedName().getValue();
        String upper = demoFn.toUpperCase(Locale.ROOT);
        assertThat(uids(textMatch("FN", upper, "i;octet", "equals"))).isEmpty();
        assertThat(uids(textMatch("FN", upper, "i;unicode-casemap", "equals"))).isNotEmpty();
        assertThat(uids(textMatch("FN", demoFn, "i;octet", "equals"))).isNotEmpty();
    }

    @Test
    void enumerationQueriesClientsSend() {
        Set<String> all = expected(c -> true);
        assertThat(uids("<C:filter><C:prop-filter name='UID'><C:is-not-defined/></C:prop-filter></C:filter>")).isEmpty();
        assertThat(uids("<C:filter><C:prop-filter name='UID'/></C:filter>")).isEqualTo(all);
        assertThat(uids("<C:filter><C:prop-filter name='UID'><C:text-match match-type='contains'>-</C:text-match>"
                + "</C:prop-filter></C:filter>")).isEqualTo(all);
        String one = all.iterator().next();
        assertThat(uids(textMatch("UID", one, "i;octet", "equals"))).containsExactly(one);
        assertThat(uids(textMatch("UID", one.toUpperCase(Locale.ROOT), "i;ascii-casemap", "equals"))).containsExactly(one);
    }

    @Test
    void propertiesTheMappingNeverProducesNeverMatch() {
        assertThat(uids("<C:filter><C:prop-filter name='X-SHOE-SIZE'/></C:filter>")).isEmpty();
        assertThat(uids(textMatch("BDAY", "19", "i;octet", "contains"))).isEmpty();
        assertThat(uids("<C:filter><C:prop-filter name='X-SHOE-SIZE'><C:is-not-defined/></C:prop-filter></C:filter>"))
                .isEqualTo(expected(c -> true));
    }

    @Test
    void groupsCanBeFoundWithEitherKindSpelling() {
        Set<String> groups = expected(c -> c.getExtendedProperty("X-ADDRESSBOOKSERVER-KIND") != null);
        assertThat(groups).hasSizeGreaterThanOrEqualTo(20);
        assertThat(uids(textMatch("KIND", "group", "i;ascii-casemap", "equals"))).isEqualTo(groups);
        assertThat(uids(textMatch("X-ADDRESSBOOKSERVER-KIND", "group", "i;ascii-casemap", "equals"))).isEqualTo(groups);
    }

    @Test
    void unsupportedFilterElementsAreRefused() {
        HttpResponse<String> regex = CLIENT.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter name='FN'><C:text-match match-type='regex'>.*</C:text-match>"
                        + "</C:prop-filter></C:filter>", null));
        assertThat(regex.statusCode()).isEqualTo(403);
        assertThat(Multistatus.hasChild(Multistatus.parseXml(regex.body()), CARD, "supported-filter")).isTrue();
        HttpResponse<String> test = CLIENT.report(BOOK, "1", Bodies.query("<C:filter test='oneof'/>", null));
        assertThat(test.statusCode()).isEqualTo(403);
        HttpResponse<String> nameless = CLIENT.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter/></C:filter>", null));
        assertThat(nameless.statusCode()).isEqualTo(403);
    }

    @Test
    void getetagOnlyAndPropertySubsets() {
        String body = "<C:addressbook-query xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:carddav'>"
                + "<D:prop><D:getetag/></D:prop><C:filter><C:prop-filter name='FN'><C:text-match>an</C:text-match>"
                + "</C:prop-filter></C:filter></C:addressbook-query>";
        Multistatus ms = Multistatus.parse(CLIENT.report(BOOK, "1", body).body());
        assertThat(ms.responses()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.okText(DAV, "getetag")).startsWith("\"");
            assertThat(r.ok(CARD, "address-data")).isEmpty();
        });
    }

    @Test
    void aThreeLetterSearchIsOneSelectiveLdapSearchAndRepeatsComeFromTheCache() {
        int before = TestServers.sharedSearches().size();
        String filter = "<C:filter test='anyof'><C:prop-filter name='FN'><C:text-match>mar</C:text-match>"
                + "</C:prop-filter><C:prop-filter name='EMAIL'><C:text-match>mar</C:text-match></C:prop-filter></C:filter>";
        Set<String> first = uids(filter, "50");
        List<TestServers.Search> searches = new ArrayList<>(TestServers.sharedSearches().subList(before,
                TestServers.sharedSearches().size()));
        assertThat(searches).as("one LDAP search per query").hasSize(1);
        assertThat(searches.get(0).filter().toString()).contains("(cn=*mar*)", "(mail=*mar*)");
        assertThat(searches.get(0).entries()).as("only candidates come back from LDAP")
                .isLessThan(everyone.size() / 3).isGreaterThanOrEqualTo(first.size());
        int afterFirst = TestServers.sharedSearches().size();
        assertThat(uids(filter, "50")).isEqualTo(first);
        assertThat(TestServers.sharedSearches()).as("the repeat is served from the cache").hasSize(afterFirst);
    }

    @Test
    void theServerCapIsReportedLikeAClientLimit() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 60, "search.max-results", 7),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            // A real search (an empty filter is an enumeration, answered in full: BookEnumerationTest).
            Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                    textMatch("EMAIL", "@", "i;unicode-casemap", "contains"), null)).body());
            List<Multistatus.Response> cards = ms.responses().stream().filter(r -> !r.href().equals(BOOK)).toList();
            assertThat(cards).hasSize(7);
            Multistatus.Response marker = ms.response(BOOK);
            assertThat(marker.status()).contains("HTTP/1.1 507 Insufficient Storage");
            Element error = Multistatus.children(marker.element(), DAV, "error").get(0);
            assertThat(Multistatus.hasChild(error, DAV, "number-of-matches-within-limits")).isTrue();
            Multistatus small = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                    textMatch("NICKNAME", "demo", "i;octet", "equals").replace("<C:filter>", "<C:filter>"), null)).body());
            assertThat(small.hrefs()).hasSize(1).doesNotContain(BOOK);
        }
    }

    private static String textMatch(String property, String text, String collation, String matchType) {
        return "<C:filter><C:prop-filter name='" + property + "'><C:text-match collation='" + collation
                + "' match-type='" + matchType + "'>" + text + "</C:text-match></C:prop-filter></C:filter>";
    }

    private static Set<String> uids(String filter) {
        return uids(filter, null);
    }

    private static Set<String> uids(String filter, String limit) {
        HttpResponse<String> response = CLIENT.report(BOOK, "1", Bodies.query(filter, limit));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        Set<String> out = new TreeSet<>();
        for (Multistatus.Response r : Multistatus.parse(response.body()).responses()) {
            if (!r.href().equals(BOOK)) {
                out.add(Cards.parseOne(r.okText(CARD, "address-data")).getUid().getValue());
            }
        }
        return out;
    }

    private static Set<String> expected(Predicate<VCard> predicate) {
        Set<String> out = new TreeSet<>();
        everyone.stream().filter(predicate).forEach(c -> out.add(c.getUid().getValue()));
        return out;
    }

    /** Upper case plus NFKD: close enough to RFC 5051 for the ASCII needles used here ("a" is in "ä"). */
    private static String fold(String s) {
        return java.text.Normalizer.normalize(s.toUpperCase(Locale.ROOT), java.text.Normalizer.Form.NFKD);
    }
}
