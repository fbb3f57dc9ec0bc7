package org.galdav.it.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.ServerProcess;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.MixedClient;
import org.galdav.support.Multistatus;
import org.galdav.support.SyncChecks;
import org.galdav.support.SyncChecks.Answer;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The high-availability layout of docs/high-availability.md, for real: two galdav instances (child JVMs of the
 * packaged jar) behind HAProxy with the documented configuration, sharing one {@code sync.state-dir}, both
 * pointed at two OpenLDAP servers ({@code ldap.url}: a provider and its syncrepl replica). The tests run in
 * order on the one layout: alternating clients, then an instance killed under load, then the directory
 * failing over and going away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HighAvailabilityIT {
    private static final int PEOPLE = 150;
    private static final String BOOK = "/addressbooks/directory/";
    private static final String SERVED_BY_1 = "galdav/galdav1";
    private static final String SERVED_BY_2 = "galdav/galdav2";
    /** Hang guards only: nothing is asserted about how long anything takes. */
    private static final long START_TIMEOUT_MILLIS = 90_000;
    private static final long HEALTH_TIMEOUT_MILLIS = 60_000;
    private static final int LOAD_CLIENTS = 4;
    private static final int REQUESTS_BEFORE_KILL = 150;
    private static final int REQUESTS_AFTER_DOWN = 200;
    private static final int MAX_REQUESTS_PER_CLIENT = 20_000;

    private Path dir;
    private Slapd ldap1;
    private Slapd ldap2;
    private GaldavProcess galdav1;
    private GaldavProcess galdav2;
    private HaProxy haproxy;
    private DavClient client;
    private List<Entry> people;

    @BeforeAll
    void startTheLayout() throws Exception {
        assertThat(Slapd.available()).as("slapd is installed (Debian packages slapd ldap-utils; .ci/run)").isTrue();
        assertThat(HaProxy.available()).as("haproxy is installed (Debian package haproxy; .ci/run)").isTrue();
        dir = Files.createTempDirectory("galdav-ha-");
        List<Entry> company = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(PEOPLE, 11, 0)));
        people = company.stream().filter(e -> e.hasObjectClass("inetOrgPerson"))
                .filter(e -> !DemoCompany.DEMO_LOGIN.equals(e.getAttributeValue("uid"))).toList();
        SlapdOptions options = new SlapdOptions(DemoCompany.BASE_DN, 0, true, List.of(), 1_000, 0);
        ldap1 = Slapd.start(options);
        ldap1.add(company);
        ldap2 = Slapd.startReplicaOf(ldap1, options);
        ldap2.awaitCaughtUpWith(ldap1, START_TIMEOUT_MILLIS);

        Map<String, Object> settings = new HashMap<>();
        settings.put("ldap.url", List.of(ldap1.url(), ldap2.url()));
        settings.put("ldap.bind-dn", DemoCompany.SERVICE_DN);
        settings.put("ldap.bind-password", DemoCompany.SERVICE_PASSWORD);
        settings.put("ldap.base-dn", DemoCompany.BASE_DN);
        settings.put("sync.state-dir", Files.createDirectories(dir.resolve("shared-state")).toString());
        settings.put("sync.poll-interval", "0s"); // directory changes show at the next sync, without waiting
        CompletableFuture<GaldavProcess> first = CompletableFuture.supplyAsync(() -> start("galdav1", settings));
        galdav2 = start("galdav2", settings);
        galdav1 = first.join();
        haproxy = HaProxy.start(dir.resolve("haproxy"),
                ports -> DocumentedHaProxyConfig.forTest(ports, galdav1.port(), galdav2.port()));
        for (String server : List.of(SERVED_BY_1, SERVED_BY_2, "galdav_alive/galdav1", "galdav_alive/galdav2")) {
            haproxy.awaitState(server, "UP", HEALTH_TIMEOUT_MILLIS);
        }
        client = new DavClient(haproxy.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
    }

    private GaldavProcess start(String name, Map<String, Object> settings) {
        try {
            return GaldavProcess.start(name, dir, settings);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    @AfterAll
    void stopTheLayout() {
        for (AutoCloseable c : new AutoCloseable[] {haproxy, galdav1, galdav2, ldap2, ldap1}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
        }
        if (dir != null) {
            keepLogs();
            ServerProcess.deleteRecursively(dir);
        }
    }

    /** Copies the logs of HAProxy and the galdav instances to target/ha-logs, for reading after a failure. */
    private void keepLogs() {
        Path logs = Path.of("target", "ha-logs");
        try (var files = Files.walk(dir)) {
            Files.createDirectories(logs);
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(dir.relativize(log).toString().replace('/', '-')),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the logs: " + e);
        }
    }

    /**
     * A token issued by one instance is answered incrementally by the other, round after round of directory
     * changes: exactly the changed and removed cards (checked against a fresh server's listing), never the
     * whole book, never 403 valid-sync-token, and the same new token from both.
     */
    @Test
    @Order(1)
    void aClientAlternatingBetweenInstancesSyncsIncrementallyAndNeverFromScratch() throws Exception {
        Answer initial = SyncChecks.sync(client, BOOK, "");
        Map<String, String> before = freshListing();
        assertThat(initial.changed()).isEqualTo(before);
        assertThat(before).hasSizeGreaterThan(PEOPLE);
        String token = initial.token();
        for (int round = 0; round < 3; round++) {
            changeTheDirectory(round);
            Map<String, String> after = freshListing();
            // The same token, sent until each instance has answered it (a single client alternates).
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (int attempt = 0; attempt < 8 && answers.size() < 2; attempt++) {
                HttpResponse<String> response = SyncChecks.syncRequest(client, BOOK, token);
                answers.put(servedBy(response), SyncChecks.answer(response)); // 207, never 403
            }
            assertThat(answers.keySet()).as("instances that answered round %d", round)
                    .containsExactlyInAnyOrder(SERVED_BY_1, SERVED_BY_2);
            for (Map.Entry<String, Answer> answer : answers.entrySet()) {
                SyncChecks.assertExactly(answer.getValue(), before, after);
                assertThat(answer.getValue().changed().size() + answer.getValue().removed().size())
                        .as("cards reported by %s in round %d", answer.getKey(), round)
                        .isPositive().isLessThan(before.size() / 4);
            }
            assertThat(answers.values().stream().map(Answer::token).distinct()).as("new tokens").hasSize(1);
            token = answers.values().iterator().next().token();
            before = after;
        }
    }

    /**
     * Four clients send a bounded stream of mixed requests through HAProxy while galdav1 is killed (SIGKILL).
     * The requests that fail are among those HAProxy logged as cut by galdav1 going away (in flight on it);
     * once the health check has marked it down, every request succeeds, on galdav2.
     */
    @Test
    @Order(2)
    void killingAnInstanceUnderLoadFailsOnlyTheRequestsInFlightOnIt() throws Exception {
        List<String> hrefs = client.memberHrefs(BOOK);
        List<String> needles = people.stream().map(e -> e.getAttributeValue("sn"))
                .filter(sn -> sn != null && sn.matches("[A-Za-z]{3,}.*")).map(sn -> sn.substring(0, 3)).distinct()
                .toList();
        record Sent(MixedClient.Outcome outcome, boolean afterDown) {
        }
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean down = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger afterDown = new AtomicInteger();
        CountDownLatch beforeKill = new CountDownLatch(REQUESTS_BEFORE_KILL);
        ExecutorService clients = Executors.newFixedThreadPool(LOAD_CLIENTS);
        try {
            for (int c = 0; c < LOAD_CLIENTS; c++) {
                int id = c;
                clients.submit(() -> {
                    MixedClient mix = new MixedClient(new DavClient(haproxy.url(), DemoCompany.DEMO_LOGIN,
                            DemoCompany.DEMO_PASSWORD), BOOK, hrefs, needles, id);
                    for (int n = 0; n < MAX_REQUESTS_PER_CLIENT && !stop.get()
                            && afterDown.get() < REQUESTS_AFTER_DOWN; n++) {
                        boolean startedAfterDown = down.get();
                        sent.add(new Sent(mix.next("c" + id + "-" + n), startedAfterDown));
                        if (startedAfterDown) {
                            afterDown.incrementAndGet();
                        }
                        beforeKill.countDown();
                    }
                });
            }
            assertThat(beforeKill.await(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as("load started").isTrue();
            galdav1.kill();
            haproxy.awaitState(SERVED_BY_1, "DOWN", HEALTH_TIMEOUT_MILLIS);
            down.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).as("load ended").isTrue();
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }

        Map<String, MixedClient.Outcome> byId = sent.stream().map(Sent::outcome)
                .collect(Collectors.toMap(MixedClient.Outcome::requestId, o -> o));
        List<MixedClient.Outcome> failed = byId.values().stream().filter(o -> !o.ok()).toList();
        Map<String, HaProxy.Logged> logged = awaitLogged(byId.values().stream().filter(MixedClient.Outcome::ok)
                .map(MixedClient.Outcome::requestId).collect(Collectors.toSet()));
        // In flight on galdav1 when it died: what HAProxy had sent it and got no whole answer for. Either HAProxy
        // logged it as ended by the server (502 before the answer began, SH; cut during it, SD), or HAProxy had
        // sent it over a kept-alive connection to galdav1 and then closed the client's connection without an
        // answer and without a log line, as a server closing a kept-alive connection does (HAProxy's http-reuse
        // "safe", for clients to retry, RFC 9112 section 9.3.1). With "safe", a request after a session's first
        // may go over any session's idle connection to galdav1, so the client's own previous request does not
        // tell which instance it went to; what does is that HAProxy logs every request it ends otherwise, and
        // galdav2 stayed up: a request that failed before galdav1 was marked down without a log line was on a
        // connection galdav1 dropped.
        Set<String> beforeDown = sent.stream().filter(s -> !s.afterDown()).map(s -> s.outcome().requestId())
                .collect(Collectors.toSet());
        Set<String> cutAndLogged = logged.values().stream()
                .filter(l -> l.server().equals("galdav1") && l.abortedByServer())
                .map(HaProxy.Logged::requestId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> closedOnKeptAliveConnection = byId.keySet().stream()
                .filter(id -> !logged.containsKey(id) && beforeDown.contains(id)
                        && (SERVED_BY_1.equals(previous(byId, id)) || byId.get(id).status() == -1))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> inFlightOnKilled = new TreeSet<>(cutAndLogged);
        inFlightOnKilled.addAll(closedOnKeptAliveConnection);
        long redispatched = logged.values().stream().filter(HaProxy.Logged::redispatched).count();
        System.out.printf("HA kill under load: %d requests, %d failed %s; in flight on the killed instance: %d "
                        + "logged as cut by it %s, %d closed on a kept-alive connection to it %s; %d redispatched "
                        + "after a refused connection; %d after it was marked down%n", sent.size(), failed.size(),
                failed, cutAndLogged.size(), cutAndLogged, closedOnKeptAliveConnection.size(),
                closedOnKeptAliveConnection, redispatched, afterDown.get());

        assertThat(sent.stream().filter(s -> !s.afterDown()).map(s -> s.outcome().servedBy()))
                .as("both instances served before the kill").contains(SERVED_BY_1, SERVED_BY_2);
        assertThat(failed.stream().map(MixedClient.Outcome::requestId).toList())
                .as("failed requests (%s) are among those in flight on the killed instance", failed)
                .isSubsetOf(inFlightOnKilled);
        assertThat(failed.size()).isLessThanOrEqualTo(inFlightOnKilled.size()).isLessThanOrEqualTo(LOAD_CLIENTS);
        List<MixedClient.Outcome> later = sent.stream().filter(Sent::afterDown).map(Sent::outcome).toList();
        assertThat(later).hasSizeGreaterThanOrEqualTo(REQUESTS_AFTER_DOWN);
        assertThat(later).as("requests after the instance was marked down")
                .allSatisfy(o -> {
                    assertThat(o.ok()).as("%s", o).isTrue();
                    assertThat(o.servedBy()).isEqualTo(SERVED_BY_2);
                });
    }

    /**
     * The directory fails over from the provider to its replica: requests that need it succeed again, and a
     * client's token still says "nothing changed" (replicas keep entryUUIDs, so card URLs and ETags stay).
     * Then both directory servers are gone: HAProxy falls back to the instances that are merely alive, and a
     * cached card is still served.
     */
    @Test
    @Order(3)
    void directoryFailOverKeepsTokensAndAnOutageStillServesCachedCards() throws Exception {
        Answer current = SyncChecks.sync(client, BOOK, "");
        String card = current.changed().keySet().iterator().next();
        assertThat(client.get(card).statusCode()).isEqualTo(200); // now cached on the survivor

        ldap1.close();
        List<Integer> refused = new ArrayList<>();
        String someone = people.get(PEOPLE / 2).getAttributeValue("sn");
        HttpResponse<String> query = untilNot503(refused, () -> client.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter name='FN'><C:text-match match-type='contains'>" + someone
                        + "</C:text-match></C:prop-filter></C:filter>", "5")));
        assertThat(query.statusCode()).as(query.body()).isEqualTo(207);
        assertThat(Multistatus.parse(query.body()).responses()).isNotEmpty();
        HttpResponse<String> sync = untilNot503(refused, () -> SyncChecks.syncRequest(client, BOOK, current.token()));
        Answer afterFailOver = SyncChecks.answer(sync);
        assertThat(afterFailOver.changed()).as("cards changed by the fail-over").isEmpty();
        assertThat(afterFailOver.removed()).as("cards removed by the fail-over").isEmpty();
        assertThat(afterFailOver.token()).isEqualTo(current.token());
        System.out.printf("LDAP fail-over: %d requests answered 503 before the replica took over%n", refused.size());

        ldap2.close();
        haproxy.awaitState(SERVED_BY_2, "DOWN", HEALTH_TIMEOUT_MILLIS);
        HttpResponse<String> cached = client.get(card);
        assertThat(cached.statusCode()).as(cached.body()).isEqualTo(200);
        Cards.parseOne(cached.body());
        assertThat(servedBy(cached)).isEqualTo("galdav_alive/galdav2");
    }

    /**
     * Sends a request until it is answered otherwise than 503 (at most the LDAP pool's size and two more
     * times: each pooled connection to the dead server fails once), recording each 503.
     */
    private static HttpResponse<String> untilNot503(List<Integer> refused,
                                                    Supplier<HttpResponse<String>> request) {
        HttpResponse<String> response = request.get();
        for (int attempt = 0; response.statusCode() == 503 && attempt < 10; attempt++) {
            refused.add(503);
            response = request.get();
        }
        return response;
    }

    /** Round {@code r}: two people get a new title, one leaves, one joins; then the replica catches up. */
    private void changeTheDirectory(int round) throws Exception {
        try (LDAPConnection root = ldap1.connectAsRoot()) {
            for (Entry person : people.subList(round * 3, round * 3 + 2)) {
                root.modify(person.getDN(), new Modification(ModificationType.REPLACE, "title", "Round " + round));
            }
            root.delete(people.get(round * 3 + 2).getDN());
            root.add(new Entry("uid=ha-" + round + "," + DemoCompany.PEOPLE_DN,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", "ha-" + round), new Attribute("cn", "Ha Joiner " + round),
                    new Attribute("sn", "Joiner")));
        }
        ldap2.awaitCaughtUpWith(ldap1, START_TIMEOUT_MILLIS);
    }

    /** The book as a server that never saw it lists it now from the provider: the oracle for incremental answers. */
    private Map<String, String> freshListing() throws Exception {
        return SyncChecks.freshListing(TestServers.pointingAt(ldap1.url(), DemoCompany.SERVICE_DN,
                DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN), dir, DemoCompany.DEMO_LOGIN,
                DemoCompany.DEMO_PASSWORD, BOOK);
    }

    /** What answered the same client's request before {@code id} ({@code c<client>-<n>}), if anything did. */
    private static String previous(Map<String, MixedClient.Outcome> byId, String id) {
        int dash = id.lastIndexOf('-');
        MixedClient.Outcome before = byId.get(id.substring(0, dash + 1) + (Integer.parseInt(id.substring(dash + 1)) - 1));
        return before == null ? "" : before.servedBy();
    }

    /**
     * Waits (bounded) until HAProxy has logged every request in {@code ids} (each had an answer, so HAProxy
     * logged it when it ended), and returns its whole log by request id.
     */
    private Map<String, HaProxy.Logged> awaitLogged(Set<String> ids) throws InterruptedException {
        Map<String, HaProxy.Logged> logged = new HashMap<>();
        for (int attempt = 0; attempt < 100; attempt++) {
            logged.clear();
            haproxy.requests().forEach(l -> logged.put(l.requestId(), l));
            if (logged.keySet().containsAll(ids)) {
                break;
            }
            Thread.sleep(100); // a polling pause while HAProxy writes its log; nothing depends on its length
        }
        // On failure, say what HAProxy wrote about the missing ones (a line the parser did not read, or none).
        List<String> missing = ids.stream().filter(id -> !logged.containsKey(id)).sorted().toList();
        List<String> lines = java.util.Arrays.stream(haproxy.output().split("\n"))
                .filter(line -> missing.stream().anyMatch(line::contains)).toList();
        assertThat(logged.keySet()).as("requests in HAProxy's log; its lines naming the missing %s: %s", missing,
                lines).containsAll(ids);
        return logged;
    }

    private static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("X-Served-By").orElse("(no X-Served-By)");
    }
}
