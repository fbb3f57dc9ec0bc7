package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.it.TsdavRun.list;
import static org.galdav.it.TsdavRun.number;
import static org.galdav.it.TsdavRun.object;

import ezvcard.VCard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real tsdav (npm, pinned in src/test/node/tsdav/package-lock.json) loads a book larger than
 * {@code search.max-results}, as every JS app built on it does: login, fetchAddressBooks, fetchVCards
 * (addressbook-query with a bare {@code <prop-filter name="FN"/>}, an enumeration answered in full, not a
 * capped search: RFC 6352 §8.6 and docs/protocol.md), and smartCollectionSync (RFC 6578 sync-collection,
 * then addressbook-multiget). tsdav fails a whole call on one {@code 507}, so a capped answer would fail
 * here. What tsdav found is compared with the server's own Depth 1 listing.
 */
class TsdavIT {
    private static final int MAX_RESULTS = 50;
    private static final String BOOK = "/addressbooks/directory/";
    private static final String GATEWAY = "/addressbooks/search/";
    private static GaldavServer server;
    private static Map<String, Object> tsdav;
    private static List<String> listing;
    private static Multistatus.Response bookProps;

    @BeforeAll
    static void runTsdav() {
        server = TestServers.start(Map.of("demo.people", 150, "search.max-results", MAX_RESULTS),
                new ArrayList<>(), TimeSource.SYSTEM);
        tsdav = TsdavRun.syncBook(server.url(), "demo", "demo");
        DavClient client = new DavClient(server.url(), "demo", "demo");
        listing = client.memberHrefs(BOOK);
        bookProps = Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind("d:displayname", "d:sync-token"))
                .body()).response(BOOK);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theBookIsLargerThanTheSearchCap() {
        assertThat(listing).as("the test needs a book over search.max-results").hasSizeGreaterThan(MAX_RESULTS);
    }

    @Test
    void fetchAddressBooksListsTheSyncedBookWithItsNameButNotTheGateway() {
        List<Map<String, Object>> books = list(tsdav, "books");
        assertThat(books).extracting(b -> b.get("path")).as("a directory gateway is never listed")
                .containsExactly(BOOK).doesNotContain(GATEWAY);
        Map<String, Object> book = books.get(0);
        assertThat(book.get("displayName")).isEqualTo(bookProps.okText(Multistatus.DAV, "displayname"))
                .isEqualTo("Company directory");
        assertThat(book.get("syncToken")).isEqualTo(bookProps.okText(Multistatus.DAV, "sync-token"));
        assertThat(list(book, "reports")).as("tsdav's names of supported-report-set")
                .contains("addressbookQuery", "addressbookMultiget", "syncCollection");
    }

    @Test
    void fetchVCardsReturnsEveryCardOfTheBook() {
        Map<String, Object> fetched = object(tsdav, "fetchVCards");
        assertThat(number(fetched, "count")).isEqualTo(listing.size());
        assertThat(number(fetched, "distinctUrls")).isEqualTo(listing.size());
        assertThat(number(fetched, "withEtag")).isEqualTo(listing.size());
        assertThat(new HashSet<String>(list(fetched, "urls"))).isEqualTo(new HashSet<>(listing));

        List<String> cards = list(fetched, "cards");
        Set<String> uids = new HashSet<>();
        for (String text : cards) {
            VCard card = Cards.parseOne(text);
            assertThat(card.getUid()).as("UID of\n" + text).isNotNull();
            assertThat(card.getFormattedName()).as("FN of\n" + text).isNotNull();
            uids.add(card.getUid().getValue());
        }
        assertThat(uids).as("one distinct UID per card").hasSize(listing.size());
        assertThat(list(fetched, "sampleFn")).isNotEmpty().doesNotContainNull();
    }

    @Test
    void smartCollectionSyncLoadsTheSameCardsAndASyncToken() {
        Map<String, Object> initial = object(tsdav, "initialSync");
        assertThat(initial.get("method")).as("tsdav syncs with sync-collection, not by getctag").isEqualTo("webdav");
        assertThat(number(initial, "count")).isEqualTo(listing.size());
        assertThat(number(initial, "distinctUrls")).isEqualTo(listing.size());
        assertThat(number(initial, "withData")).isEqualTo(listing.size());
        assertThat(number(initial, "withEtag")).isEqualTo(listing.size());
        assertThat(new HashSet<String>(list(initial, "urls"))).isEqualTo(new HashSet<>(listing));
        String token = bookProps.okText(Multistatus.DAV, "sync-token");
        assertThat(initial.get("syncToken")).isEqualTo(token);

        Map<String, Object> again = object(tsdav, "incrementalSync");
        assertThat(List.of(number(again, "created"), number(again, "updated"), number(again, "deleted")))
                .as("nothing changed between the two syncs").containsExactly(0L, 0L, 0L);
        assertThat(again.get("syncToken")).isEqualTo(token);
    }

    @Test
    void onTheGatewayFetchVCardsMeetsTheHonestSearchCap() {
        // Found only through the principal's CARDDAV:directory-gateway: there every query is a search, capped
        // at search.max-results with a 507 (RFC 6352 §8.6.2), which tsdav turns into an exception.
        List<Map<String, Object>> gateways = list(tsdav, "gateways");
        assertThat(gateways).extracting(g -> g.get("path")).containsExactly(GATEWAY);
        assertThat(gateways.get(0).get("error")).asString().contains("507");
    }
}
