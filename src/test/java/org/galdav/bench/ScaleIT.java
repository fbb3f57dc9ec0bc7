package org.galdav.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.support.Multistatus;
import org.junit.jupiter.api.Test;

/**
 * The memory bound, asserted as behaviour rather than time: 100,000 people (the demo company, with its photos
 * and groups) in a real slapd, served by the packaged jar in a JVM of its own with {@code -Xmx256m} and every
 * default setting. Everything a client does works — the start-up listing, a full listing, an initial sync, a
 * query, a multiget of 100 cards and a GET, each answer complete and parsed — with no OutOfMemoryError, and
 * the heap in use after a full GC stays within 200 MB. Before the work of this test, the start-up listing ran
 * out of memory and every later request hung. Speed is measured by {@link ScaleBenchmark}, not here.
 */
class ScaleIT {
    private static final Path JAR = Path.of("target", "galdav.jar");
    private static final int PEOPLE = 100_000;
    private static final String BOOK = "/addressbooks/directory/";
    /** Generous hang guards on a shared two-core machine; nothing is timed. */
    private static final Duration LISTING = Duration.ofMinutes(5);
    private static final Duration REQUEST = Duration.ofMinutes(2);
    private static final long HEAP_BOUND_KB = 200L * 1024;
    private static final Pattern LISTED = Pattern.compile("address book directory: (\\d+) cards listed");
    private static final Pattern HREF = Pattern.compile("<D:href>(" + BOOK + "[^<]+\\.vcf)</D:href>");

    @Test
    void aHundredThousandPeopleAreServedFromA256MegabyteHeap() throws Exception {
        assertThat(JAR).as("the packaged jar, built by mvn package before the integration tests").exists();
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(PEOPLE, 42, 0)));
        Path dir = Files.createTempDirectory("galdav-scale-");
        try (Slapd slapd = Slapd.startLoaded(new SlapdOptions(DemoCompany.BASE_DN, 0, true, List.of(), 10_000, 0),
                entries);
             GaldavProcess galdav = GaldavProcess.start(JAR, "256m", slapd.url(), DemoCompany.BASE_DN,
                     DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD, dir, List.of())) {
            entries = null; // the test's own copy is not galdav's memory, but it need not stay either
            assertThat(galdav.awaitLog(LISTING, GaldavProcess.WARM_UP_DONE, GaldavProcess.WARM_UP_FAILED,
                    GaldavProcess.OUT_OF_MEMORY)).as(galdav.log()).isEqualTo(GaldavProcess.WARM_UP_DONE);
            Matcher listed = LISTED.matcher(galdav.log());
            assertThat(listed.find()).as("the tracker's listing line").isTrue();
            int cards = Integer.parseInt(listed.group(1));
            assertThat(cards).isGreaterThan(PEOPLE);

            BenchHttp client = new BenchHttp(galdav.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
            String listing = client.propfind(BOOK, "1", props("<d:getetag/>", "propfind"), REQUEST).body();
            assertThat(BenchHttp.responses(listing, BOOK)).as("cards in a full listing").isEqualTo(cards);

            String sync = client.report(BOOK, "<?xml version=\"1.0\"?><d:sync-collection xmlns:d=\"DAV:\">"
                    + "<d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>",
                    REQUEST).body();
            assertThat(BenchHttp.responses(sync, BOOK)).as("cards in an initial sync").isEqualTo(cards);

            String query = client.report(BOOK, "<?xml version=\"1.0\"?><c:addressbook-query xmlns:d=\"DAV:\" "
                    + "xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:prop><d:getetag/><c:address-data/></d:prop>"
                    + "<c:filter><c:prop-filter name=\"FN\"><c:text-match collation=\"i;unicode-casemap\" "
                    + "match-type=\"contains\">mar</c:text-match></c:prop-filter></c:filter>"
                    + "<c:limit><c:nresults>50</c:nresults></c:limit></c:addressbook-query>", REQUEST).body();
            assertThat(vcards(query)).hasSize(50).allSatisfy(card ->
                    assertThat(card.getFormattedName().getValue()).containsIgnoringCase("mar"));

            List<String> hrefs = new ArrayList<>();
            Matcher href = HREF.matcher(listing);
            while (hrefs.size() < 100 && href.find()) {
                hrefs.add(href.group(1));
            }
            StringBuilder multiget = new StringBuilder("<?xml version=\"1.0\"?><c:addressbook-multiget "
                    + "xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:carddav\"><d:prop><d:getetag/>"
                    + "<c:address-data/></d:prop>");
            hrefs.forEach(h -> multiget.append("<d:href>").append(h).append("</d:href>"));
            String cardsBody = client.report(BOOK, multiget.append("</c:addressbook-multiget>").toString(), REQUEST)
                    .body();
            assertThat(vcards(cardsBody)).hasSize(100);

            String one = client.send("GET", hrefs.get(0), null, null, REQUEST, Set.of(200)).body();
            assertThat(Ezvcard.parse(one).first().getUid()).isNotNull();

            assertThat(galdav.log()).doesNotContain(GaldavProcess.OUT_OF_MEMORY);
            assertThat(galdav.heapUsedAfterFullGcKb()).as("heap in use after a full GC, KiB")
                    .isLessThanOrEqualTo(HEAP_BOUND_KB);
        }
    }

    private static String props(String props, String root) {
        return "<?xml version=\"1.0\"?><d:" + root + " xmlns:d=\"DAV:\"><d:prop>" + props + "</d:prop></d:" + root + ">";
    }

    /** The vCards in a multistatus's address-data elements, parsed (XML first, then vCard). */
    private static List<VCard> vcards(String multistatus) {
        List<VCard> cards = new ArrayList<>();
        for (Multistatus.Response response : Multistatus.parse(multistatus).responses()) {
            response.ok(Multistatus.CARD, "address-data").ifPresent(data ->
                    cards.add(Ezvcard.parse(Multistatus.text(data)).first()));
        }
        return cards;
    }
}
