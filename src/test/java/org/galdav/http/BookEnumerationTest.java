package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * A query every card matches lists the book in full, whatever {@code search.max-results} says (tsdav's
 * {@code fetchVCards} sends a bare FN prop-filter and fails on a 507); real searches keep the cap and the 507.
 */
class BookEnumerationTest {
    private static final String BOOK = "/addressbooks/directory/";
    /** tsdav 2.x's body for fetchVCards. */
    private static final String TSDAV = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><card:addressbook-query "
            + "xmlns:card=\"urn:ietf:params:xml:ns:carddav\" xmlns:d=\"DAV:\"><d:prop><d:getetag/><card:address-data/>"
            + "</d:prop><card:filter><card:prop-filter name=\"FN\"/></card:filter></card:addressbook-query>";

    @Test
    void filtersEveryCardMatchesListTheWholeBookPastTheCap() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 60, "search.max-results", 7),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            int all = Multistatus.parse(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body()).hrefs().size() - 1;
            assertThat(all).isGreaterThan(60);
            for (String body : List.of(TSDAV, Bodies.query("", null),
                    Bodies.query("<C:filter><C:prop-filter name='UID'/></C:filter>", null),
                    Bodies.query("<C:filter test='anyof'><C:prop-filter name='FN'/><C:prop-filter name='NICKNAME'>"
                            + "<C:text-match>nobody</C:text-match></C:prop-filter></C:filter>", null))) {
                Multistatus answer = Multistatus.parse(client.report(BOOK, "1", body).body());
                assertThat(answer.hrefs()).as(body).hasSize(all).doesNotContain(BOOK);
                for (Multistatus.Response card : answer.responses()) {
                    assertThat(Cards.parseOne(card.okText(Multistatus.CARD, "address-data")).getUid()).isNotNull();
                }
            }
        }
    }

    @Test
    void aClientLimitOnAnEnumerationIsKeptWithA507AndSearchesKeepTheCap() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 60, "search.max-results", 7),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            Multistatus limited = Multistatus.parse(client.report(BOOK, "1",
                    Bodies.query("<C:filter><C:prop-filter name='FN'/></C:filter>", "10")).body());
            assertThat(limited.hrefs().stream().filter(h -> !h.equals(BOOK))).hasSize(10);
            assertThat(limited.response(BOOK).status()).contains("HTTP/1.1 507 Insufficient Storage");

            // allof with a real condition, or a property not every card has: a search, capped.
            for (String filter : List.of("<C:filter test='allof'><C:prop-filter name='FN'/><C:prop-filter name='EMAIL'/>"
                    + "</C:filter>", "<C:filter><C:prop-filter name='EMAIL'/></C:filter>")) {
                Multistatus capped = Multistatus.parse(client.report(BOOK, "1", Bodies.query(filter, null)).body());
                assertThat(capped.hrefs().stream().filter(h -> !h.equals(BOOK))).as(filter).hasSize(7);
                assertThat(capped.response(BOOK).status()).as(filter).contains("HTTP/1.1 507 Insufficient Storage");
            }
        }
    }
}
