package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.SyncChecks;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection against real OpenLDAP servers started by the test: killed (SIGKILL), frozen (SIGSTOP:
 * the kernel still accepts connections, nothing is answered) and fail-over with searches in flight.
 * What galdav holds in memory (cached cards, a repeated query, PROPFIND Depth 1, sync-collection with the
 * current token) answers 200/207 while the directory is down or frozen; what needs the directory answers
 * 503 with Retry-After; {@code /health} says so and recovers; in-flight searches on a server that dies are
 * answered by the next one. Waits are hang guards, never timings.
 */
class DirectoryOutageIT {
    private static final String BOOK = "/addressbooks/directory/";
    private static final int PEOPLE = 40;
    /** Far past what any request here may take: a request that waits on the directory fails the guard. */
    private static final long GUARD_SECONDS = 60;
    private static final String CACHED_QUERY = fnContains("a");
    private static final String NEW_QUERY = fnContains("zzz-never-asked");
    /** A card nobody read: only the directory can say that it does not exist. */
    private static final String UNKNOWN_CARD = BOOK + "00000000-0000-0000-0000-000000000000.vcf";

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(20);

    @AfterEach
    void close() throws Exception {
        clients.shutdownNow();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** What a client read while the directory was up, to be asked for again. */
    private record Known(List<String> members, List<String> cached, String token) {
    }

    @Test
    void aFrozenDirectoryStallsNoCachedAnswerAndHealthSaysSo() throws Exception {
        Slapd slapd = slapd(true);
        Map<String, Object> settings = settings(List.of(slapd.url()));
        settings.put("sync.change-tracking", "syncrepl");
        settings.put("sync.poll-interval", "0s"); // every request finds a poll due: it must not wait on the freeze
        GaldavServer server = start(settings);
        DavClient client = client(server);
        Known known = warm(client);
        assertThat(status(client.get("/health"))).isEqualTo(200);

        slapd.freeze();
        // First while galdav does not know yet: the poll these requests start hangs in the background.
        assertCachedAnswers(client, known);
        HttpResponse<String> health = client.get("/health");
        assertThat(health.statusCode()).as("a frozen directory is not healthy").isEqualTo(503);
        assertNeedsDirectory(client);
        assertCachedAnswers(client, known);

        slapd.thaw();
        assertThat(eventually(() -> status(client.get("/health")) == 200)).as("/health after SIGCONT").isTrue();
        assertThat(eventually(() -> status(client.report(BOOK, "1", Bodies.query(NEW_QUERY, null))) == 207))
                .as("a new query once the directory answers again").isTrue();
        assertThat(status(client.get(UNKNOWN_CARD))).isEqualTo(404);
    }

    @Test
    void aKilledDirectoryLeavesWhatMemoryHoldsAnswering() throws Exception {
        Slapd slapd = slapd(false);
        Map<String, Object> settings = settings(List.of(slapd.url()));
        settings.put("sync.change-tracking", "off");
        settings.put("cache.ttl", "1ms"); // everything is past its TTL: each answer below is stale-if-error
        GaldavServer server = start(settings);
        DavClient client = client(server);
        Known known = warm(client);

        slapd.kill();
        assertCachedAnswers(client, known);
        assertNeedsDirectory(client);
        HttpResponse<String> health = client.get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
    }

    @Test
    void searchesInFlightOnAServerThatDiesAreAnsweredByTheNextOne() throws Exception {
        Slapd first = slapd(false);
        Slapd second = slapd(false);
        Map<String, Object> settings = settings(List.of(first.url(), second.url()));
        settings.put("sync.change-tracking", "off");
        settings.put("search.max-results", 10_000); // so that each query below is a new one, never answered stale
        GaldavServer server = start(settings);
        DavClient client = client(server);
        assertThat(client.memberHrefs(BOOK)).hasSizeGreaterThan(PEOPLE);

        List<Integer> statuses = new CopyOnWriteArrayList<>();
        AtomicInteger afterKill = new AtomicInteger();
        CountDownLatch someDone = new CountDownLatch(40);
        CountDownLatch killed = new CountDownLatch(1);
        List<Future<?>> searching = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            searching.add(clients.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    String needle = "" + (char) ('a' + (thread + i) % 26) + (char) ('a' + (thread * 7 + i) % 26);
                    boolean after = killed.getCount() == 0;
                    String limit = Integer.toString(1_000 + thread * 100 + i);
                    statuses.add(status(client.report(BOOK, "1", Bodies.query(fnContains(needle), limit))));
                    if (after) {
                        afterKill.incrementAndGet();
                    }
                    someDone.countDown();
                }
                return null;
            }));
        }
        assertThat(someDone.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        first.kill(); // while the others search
        killed.countDown();
        for (Future<?> f : searching) {
            f.get(GUARD_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(statuses).hasSize(240).containsOnly(207);
        assertThat(afterKill).as("searches after the kill, all answered by the second server").hasPositiveValue();
    }

    /** Reads what the checks ask for again: the listing, two cards, a query, the sync token. */
    private static Known warm(DavClient client) {
        List<String> members = client.memberHrefs(BOOK);
        assertThat(members).hasSizeGreaterThan(PEOPLE);
        List<String> cached = members.subList(0, 2);
        for (String card : cached) {
            assertThat(status(client.get(card))).isEqualTo(200);
        }
        assertThat(status(client.report(BOOK, "1", Bodies.query(CACHED_QUERY, null)))).isEqualTo(207);
        String token = SyncChecks.sync(client, BOOK, "").token();
        return new Known(members, cached, token);
    }

    /** 20 clients at once ask for what galdav holds: every one is answered, from memory, as before. */
    private void assertCachedAnswers(DavClient client, Known known) throws Exception {
        List<Callable<Void>> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (String card : known.cached()) {
                batch.add(() -> {
                    HttpResponse<String> got = client.get(card);
                    assertThat(got.statusCode()).as(card).isEqualTo(200);
                    assertThat(Cards.parseOne(got.body()).getUid()).isNotNull();
                    return null;
                });
            }
            batch.add(() -> {
                HttpResponse<String> query = client.report(BOOK, "1", Bodies.query(CACHED_QUERY, null));
                assertThat(query.statusCode()).isEqualTo(207);
                assertThat(Multistatus.parse(query.body()).hrefs()).isNotEmpty();
                return null;
            });
            batch.add(() -> {
                assertThat(client.memberHrefs(BOOK)).isEqualTo(known.members());
                return null;
            });
            batch.add(() -> {
                SyncChecks.Answer sync = SyncChecks.sync(client, BOOK, known.token());
                assertThat(sync.changed()).isEmpty();
                assertThat(sync.removed()).isEmpty();
                assertThat(sync.token()).isEqualTo(known.token());
                return null;
            });
        }
        for (Future<Void> answer : clients.invokeAll(batch, GUARD_SECONDS, TimeUnit.SECONDS)) {
            assertThat(answer.isCancelled()).as("answered within the hang guard").isFalse();
            answer.get();
        }
    }

    /** A card never read, a query never asked and a login not remembered need the directory: 503, Retry-After. */
    private static void assertNeedsDirectory(DavClient client) {
        List<HttpResponse<String>> refused = List.of(client.get(UNKNOWN_CARD),
                client.report(BOOK, "1", Bodies.query(NEW_QUERY, null)),
                client.as("nobody-remembered", "secret").get(BOOK));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private Slapd slapd(boolean syncprov) throws Exception {
        if (!Slapd.available()) {
            throw new AssertionError("/usr/sbin/slapd is missing: install the Debian package slapd (.ci/run does)");
        }
        List<Entry> company = DemoCompany.entries(new DemoOptions(PEOPLE, 23, 0));
        Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, syncprov, List.of(), syncprov ? 1_000 : 0,
                0));
        opened.add(slapd);
        slapd.add(Slapd.withoutOperationalAttributes(company));
        return slapd;
    }

    /**
     * galdav on these servers. Background operations may wait two minutes, so that anything a request
     * waited on them for would fail the hang guard; the probe looks every 200 ms.
     */
    private static Map<String, Object> settings(List<String> urls) {
        Map<String, Object> settings = TestServers.pointingAt(urls.get(0), DemoCompany.SERVICE_DN,
                DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
        settings.put("ldap.url", urls);
        settings.put("ldap.operation-timeout", "120s");
        settings.put("ldap.probe-interval", "200ms");
        return settings;
    }

    private GaldavServer start(Map<String, Object> settings) {
        GaldavServer server = TestServers.start(settings, new CopyOnWriteArrayList<>(), TimeSource.SYSTEM);
        opened.add(server);
        return server;
    }

    private static DavClient client(GaldavServer server) {
        return new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static String fnContains(String text) {
        return "<C:filter><C:prop-filter name='FN'><C:text-match collation='i;unicode-casemap' match-type='contains'>"
                + text + "</C:text-match></C:prop-filter></C:filter>";
    }

    /** Whether the condition comes true within the hang guard, asked every 100 ms. */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < GUARD_SECONDS * 10; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            never.await(100, TimeUnit.MILLISECONDS);
        }
        return false;
    }
}
