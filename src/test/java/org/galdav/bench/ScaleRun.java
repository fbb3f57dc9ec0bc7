package org.galdav.bench;

import static org.galdav.bench.ScaleResults.median;
import static org.galdav.bench.ScaleResults.ms;
import static org.galdav.bench.ScaleResults.ratio;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import org.galdav.demo.DemoCompany;
import org.galdav.it.slapd.Slapd;
import org.galdav.support.Bodies;
import org.galdav.support.Multistatus;

/**
 * One column of the scale benchmark: the measures of one forked galdav against one loaded slapd, in the
 * order a restarted server meets them, each recorded in {@link ScaleResults} as a figure or as the failure
 * that took its place. The directory floors ({@code ldapsearch}) run last, while galdav is idle.
 */
final class ScaleRun {
    static final String BOOK = "/addressbooks/directory/";
    static final String COLD_NEEDLE = "ann";
    static final String THROUGHPUT_NEEDLE = "mar";
    private static final Duration SHORT = Duration.ofSeconds(30);

    private final int size;
    private final ScaleResults results;
    private final Slapd slapd;
    private final List<Entry> people;
    private final Duration timeout;
    private final Path dir;
    private GaldavProcess galdav;
    private BenchHttp client;
    private List<String> hrefs = List.of();
    private String syncToken;
    private double firstListingMs;
    private double coldQueryMs;

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    ScaleRun(int size, ScaleResults results, Slapd slapd, List<Entry> people, Duration timeout, Path dir) {
        this.size = size;
        this.results = results;
        this.slapd = slapd;
        this.people = people;
        this.timeout = timeout;
        this.dir = dir;
    }

    /**
     * Starts galdav with {@code heap}, measures, stops it; returns its log, the class histogram and the
     * searches slapd logged while it ran.
     */
    String[] run(Path jar, String heap, String histogramLines) throws Exception {
        int slapdLogStart = slapd.output().length();
        galdav = GaldavProcess.start(jar, heap, slapd.url(), DemoCompany.BASE_DN, DemoCompany.SERVICE_DN,
                DemoCompany.SERVICE_PASSWORD, dir, List.of("sync.poll-interval=1s"));
        client = new BenchHttp(galdav.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
        String histogram = "";
        String slapdSearches = "";
        try {
            step("start-up: JVM start → first HTTP answer", () -> put("start-up: JVM start → first HTTP answer",
                    ms(galdav.awaitFirstAnswer(Duration.ofSeconds(120)))));
            step("first listing (PROPFIND Depth 1, getetag)", this::firstListing);
            step("start-up warm-up listing done (from the log)", this::warmUp);
            int queryLogStart = slapd.output().length();
            step("cold query (first FN contains \"" + COLD_NEEDLE + "\", limit 50)", this::coldQuery);
            step("warm query (same), median of 20 after 5 unmeasured", () -> put(
                    "warm query (same), median of 20 after 5 unmeasured",
                    ms(median(warm(5, 20, () -> client.report(BOOK, coldQueryBody(), SHORT).millis())))));
            step("warm listing, median of 5 after 3 unmeasured", () -> put("warm listing, median of 5 after 3 unmeasured",
                    ms(median(warm(3, 5, () -> client.propfind(BOOK, "1", Bodies.propfind("d:getetag"), timeout)
                            .millis())))));
            step("initial sync-collection (empty token, getetag)", this::initialSync);
            step("incremental sync after 10 LDAP changes", this::incrementalSync);
            step(MULTIGET, this::multiget);
            step(GET, () -> put(GET, ms(median(warm(50, 50, () -> client.send("GET", hrefs.get(hrefs.size() / 3),
                    null, null, SHORT, Set.of(200)).millis())))));
            int throughputLogStart = slapd.output().length();
            step("16 connections × 20 s, anyof FN/EMAIL contains \"mar\" (answers/s)", this::throughput);
            step("RSS at the end (VmRSS)", this::memory);
            step("heap in use after a full GC (jcmd GC.run)", () -> put("heap in use after a full GC (jcmd GC.run)",
                    ScaleResults.mb(galdav.heapUsedAfterFullGcKb())));
            try {
                histogram = galdav.histogram(Integer.parseInt(histogramLines));
            } catch (Exception e) {
                histogram = "(no histogram: " + e.getMessage() + ")";
            }
            String slapdLog = slapd.output();
            slapdSearches = String.join("\n", slapdLog.substring(slapdLogStart).lines()
                    .filter(l -> l.contains(" SRCH ")).map(l -> l.substring(l.indexOf("conn="))).distinct().toList());
            floors(slapdLog.substring(slapdLogStart, queryLogStart), slapdLog.substring(queryLogStart,
                    throughputLogStart), slapdLog.substring(throughputLogStart));
        } finally {
            galdav.close();
        }
        return new String[] {galdav.log(), histogram, slapdSearches};
    }

    private void firstListing() throws Exception {
        BenchHttp.Answer answer = client.propfind(BOOK, "1", Bodies.propfind("d:getetag"), timeout);
        firstListingMs = answer.millis();
        hrefs = Multistatus.parse(answer.body()).hrefs().stream().filter(h -> !h.equals(BOOK)).toList();
        put("first listing (PROPFIND Depth 1, getetag)", ms(answer.millis()) + " (" + String.format(Locale.ROOT,
                "%,d", hrefs.size()) + " cards)");
    }

    private void warmUp() throws Exception {
        String seen = galdav.awaitLog(timeout, GaldavProcess.WARM_UP_DONE, GaldavProcess.WARM_UP_FAILED,
                GaldavProcess.OUT_OF_MEMORY);
        OptionalDouble done = galdav.seenAfter(GaldavProcess.WARM_UP_DONE);
        put("start-up warm-up listing done (from the log)", done.isPresent() ? ms(done.getAsDouble())
                : seen == null ? "not seen in " + timeout.toSeconds() + " s" : failure(seen));
    }

    private static String coldQueryBody() {
        return Bodies.query("<C:filter><C:prop-filter name='FN'><C:text-match collation='i;unicode-casemap'"
                + " match-type='contains'>" + COLD_NEEDLE + "</C:text-match></C:prop-filter></C:filter>", "50");
    }

    private void coldQuery() throws Exception {
        BenchHttp.Answer answer = client.report(BOOK, coldQueryBody(), timeout);
        coldQueryMs = answer.millis();
        put("cold query (first FN contains \"" + COLD_NEEDLE + "\", limit 50)", ms(answer.millis()) + " ("
                + BenchHttp.responses(answer.body(), BOOK) + " cards)");
    }

    static String throughputQuery() {
        String match = "<C:text-match collation='i;unicode-casemap' match-type='contains'>" + THROUGHPUT_NEEDLE
                + "</C:text-match>";
        return Bodies.query("<C:filter test='anyof'><C:prop-filter name='FN'>" + match + "</C:prop-filter>"
                + "<C:prop-filter name='EMAIL'>" + match + "</C:prop-filter></C:filter>", null);
    }

    private static String syncBody(String token) {
        return "<D:sync-collection xmlns:D='DAV:'><D:sync-token>" + token + "</D:sync-token><D:sync-level>1"
                + "</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
    }

    private static String tokenOf(String multistatus) {
        return Multistatus.text(Multistatus.children(Multistatus.parse(multistatus).root(), Multistatus.DAV,
                "sync-token").get(0)).trim();
    }

    private void initialSync() throws Exception {
        BenchHttp.Answer answer = client.report(BOOK, syncBody(""), timeout);
        syncToken = tokenOf(answer.body());
        put("initial sync-collection (empty token, getetag)", ms(answer.millis()) + " ("
                + String.format(Locale.ROOT, "%,d", BenchHttp.responses(answer.body(), BOOK)) + " cards)");
    }

    /** 8 people's title changed, 1 deleted, 1 added with the root DN; then syncs until the changes show. */
    private void incrementalSync() throws Exception {
        int from = people.size() / 2;
        try (LDAPConnection root = slapd.connectAsRoot()) {
            for (Entry person : people.subList(from, from + 8)) {
                root.modify(person.getDN(), new Modification(ModificationType.REPLACE, "title", "Changed"));
            }
            root.delete(people.get(from + 8).getDN());
            root.add(new Entry("uid=scale-bench," + DemoCompany.PEOPLE_DN,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", "scale-bench"), new Attribute("cn", "Scale Bench"),
                    new Attribute("sn", "Bench")));
        }
        long changed = System.nanoTime();
        long deadline = changed + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            BenchHttp.Answer answer = client.report(BOOK, syncBody(syncToken), SHORT);
            int cards = BenchHttp.responses(answer.body(), BOOK);
            if (cards >= 10) {
                put("incremental sync after 10 LDAP changes", ms(answer.millis()) + " (" + cards + " cards; seen "
                        + ms((System.nanoTime() - changed) / 1e6) + " after the change, poll-interval 1 s)");
                return;
            }
            Thread.sleep(200); // a polling pause while galdav's next poll comes due; nothing is timed by it
        }
        throw new BenchHttp.Failed("changes not seen within 60 s");
    }

    private static final String MULTIGET = "multiget of 100 cards (getetag + address-data), median of 20 after 20 unmeasured";
    private static final String GET = "GET of one card, median of 50 after 50 unmeasured";

    private void multiget() throws Exception {
        List<String> some = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            some.add(hrefs.get((int) ((long) i * hrefs.size() / 100)));
        }
        String body = Bodies.multiget("<C:address-data/>", some.toArray(String[]::new));
        int[] cards = new int[1];
        double median = median(warm(20, 20, () -> {
            BenchHttp.Answer answer = client.report(BOOK, body, SHORT);
            cards[0] = BenchHttp.responses(answer.body(), BOOK);
            return answer.millis();
        }));
        put(MULTIGET, ms(median) + " (" + cards[0] + " cards)");
    }

    private void throughput() throws Exception {
        QueryThroughput.Result r = QueryThroughput.run(galdav.url(), DemoCompany.DEMO_LOGIN,
                DemoCompany.DEMO_PASSWORD, BOOK, throughputQuery(), 16, Duration.ofSeconds(20), SHORT);
        String failures = r.failures().isEmpty() ? "" : "; failures " + r.failures();
        put("16 connections × 20 s, anyof FN/EMAIL contains \"mar\" (answers/s)", String.format(Locale.ROOT,
                "%.1f/s (%,.0f cards each%s)", r.perSecond(), r.hitsPerAnswer(), failures));
    }

    private void memory() throws Exception {
        long[] kb = galdav.residentKb();
        put("RSS at the end (VmRSS)", ScaleResults.mb(kb[0]));
        put("peak RSS (VmHWM)", ScaleResults.mb(kb[1]));
    }

    /** ldapsearch of what galdav asked for, median of 3, next to galdav's figure. */
    private void floors(String listingLog, String queryLog, String throughputLog) {
        String url = slapd.url();
        step("floor: ldapsearch -E pr=1000 of the listing's filter and attributes", () -> {
            DirectoryFloor.Search search = DirectoryFloor.listing(listingLog)
                    .orElseThrow(() -> new BenchHttp.Failed("no listing search in slapd's log"));
            floor("listing", search, 1000, 0, firstListingMs, url);
        });
        step("floor: ldapsearch -z 51 of the cold query's filter", () -> floor("cold query",
                DirectoryFloor.containing(queryLog, COLD_NEEDLE).orElseThrow(() -> new BenchHttp.Failed(
                        "no search for \"" + COLD_NEEDLE + "\" in slapd's log")), 0, 51, coldQueryMs, url));
        step("floor: ldapsearch of the throughput query's filter", () -> floor("throughput query",
                DirectoryFloor.containing(throughputLog, THROUGHPUT_NEEDLE).orElseThrow(() -> new BenchHttp.Failed(
                        "no search for \"" + THROUGHPUT_NEEDLE + "\" in slapd's log")), 1000, 0, 0, url));
    }

    private void floor(String what, DirectoryFloor.Search search, int pageSize, int sizeLimit, double galdavMs,
            String url) throws Exception {
        List<Long> entries = new ArrayList<>();
        double median = median(repeat(3, () -> {
            DirectoryFloor.Timed t = DirectoryFloor.ldapsearch(url, DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, search, pageSize, sizeLimit, dir);
            entries.add(t.entries());
            return t.millis();
        }));
        String row = switch (what) {
            case "listing" -> "floor: ldapsearch -E pr=1000 of the listing's filter and attributes";
            case "cold query" -> "floor: ldapsearch -z 51 of the cold query's filter";
            default -> "floor: ldapsearch of the throughput query's filter";
        };
        put(row, ms(median) + String.format(Locale.ROOT, " (%,d entries)", entries.get(0)));
        if (galdavMs > 0) {
            put("ratio galdav / floor, " + what, ratio(galdavMs, median));
        }
        if ("listing".equals(what)) {
            put("LDAP filter and attributes of the listing (slapd log)", "`" + search.filter() + "` "
                    + search.attributes().size() + " attributes");
        }
    }

    @FunctionalInterface
    private interface Timing {
        double millis() throws Exception;
    }

    /**
     * {@code times} timings after {@code unmeasured} runs that are not kept: a warm path is measured warm (its
     * code compiled, its cards cached), as a server that has run for a while serves it.
     */
    private static List<Double> warm(int unmeasured, int times, Timing timing) throws Exception {
        repeat(unmeasured, timing);
        return repeat(times, timing);
    }

    /** {@code times} timings; stops at the first failure (a server that fails once would only time out again). */
    private static List<Double> repeat(int times, Timing timing) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(timing.millis());
        }
        return out;
    }

    private void put(String row, String text) {
        results.put(size, row, text);
    }

    /** Runs one measure; a failure fills its cell instead of ending the run. */
    private void step(String row, Step step) {
        try {
            step.run();
        } catch (BenchHttp.Failed e) {
            put(row, failure(e.getMessage()));
        } catch (IndexOutOfBoundsException e) {
            put(row, failure("no cards listed"));
        } catch (Exception e) {
            put(row, failure(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private String failure(String what) {
        String text = what.replace('|', '/').replace('\n', ' ');
        text = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        if (galdav.log().contains(GaldavProcess.OUT_OF_MEMORY)) {
            return "OOM (" + text + ")";
        }
        return galdav.alive() ? text : "process exited (" + text + ")";
    }
}
