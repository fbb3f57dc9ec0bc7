package org.galdav.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.FakeTime;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * Password guessing against a real OpenLDAP: 300 wrong passwords for one user, sent 16 at a time, reach slapd
 * as at most {@code auth.throttle.per-login-and-address} (5) binds of that user, counted in slapd's own log
 * ({@code -d stats}); the server's clock stands still ({@link FakeTime}), so no budget refills during the test
 * and the bound is exact. Then the real user, from another client, logs in at once.
 */
class LoginThrottleIT {
    /** slapd logs each bind as {@code BIND dn="..." method=128}, and a successful one again with its mechanism. */
    private static final Pattern BIND = Pattern.compile("(?i)BIND dn=\"([^\"]*)\" method=");
    private static final String USER_DN = "uid=demo," + DemoCompany.PEOPLE_DN;

    @Test
    void threeHundredWrongPasswordsReachSlapdAsAtMostFiveBinds() throws Exception {
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, false), "stats")) {
            slapd.add(Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(20, 4, 0))));
            Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("cache.warm-up", false);
            // All 16 guesses at a time reach the login check (by default 4 would, the rest get 503 at once).
            settings.put("http.connections.max-busy-per-address", 16);
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), new FakeTime())) {
                DavClient guesser = new DavClient(server.url(), "demo", "guess");
                List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(16);
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String password = "guess" + i;
                    sent.add(pool.submit(() -> statuses.add(guesser.as("demo", password).send("PROPFIND", "/",
                            Bodies.propfind("d:displayname"), "Depth", "0", "X-Forwarded-For", "203.0.113.66")
                            .statusCode())));
                }
                for (Future<?> request : sent) {
                    request.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();

                assertThat(statuses).hasSize(300).containsOnly(401, 429);
                assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
                assertThat(bindsOf(slapd.output(), USER_DN)).as("binds of the user in slapd's log").isEqualTo(5);

                assertThat(new DavClient(server.url(), "demo", "demo").send("PROPFIND", "/",
                        Bodies.propfind("d:displayname"), "Depth", "0", "X-Forwarded-For", "192.0.2.10")
                        .statusCode()).as("the real user, from elsewhere").isEqualTo(207);
                assertThat(bindsOf(slapd.output(), USER_DN)).isEqualTo(6);
            }
        }
    }

    /**
     * Not an assertion on time: measures, for the record, the medians of 300 wrong-password logins of a known
     * user and 300 logins of unknown users, in alternation, with budgets too large to throttle anything.
     */
    @Test
    void unknownAndKnownLoginsTakeAlike() throws Exception {
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, false))) {
            slapd.add(Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(20, 4, 0))));
            Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("cache.warm-up", false);
            settings.put("auth.throttle.per-login-and-address", 100_000);
            settings.put("auth.throttle.per-login", 100_000);
            settings.put("auth.throttle.per-address", 100_000);
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), null, null); // one connection, reused
                List<Long> known = new ArrayList<>();
                List<Long> unknown = new ArrayList<>();
                for (int i = -50; i < 300; i++) { // the first 50 of each warm up
                    long k = timed(client, "demo", "wrong" + i);
                    long u = timed(client, "nobody" + i, "wrong" + i);
                    if (i >= 0) {
                        known.add(k);
                        unknown.add(u);
                    }
                }
                int knownSlower = 0;
                for (int i = 0; i < known.size(); i++) {
                    knownSlower += known.get(i) > unknown.get(i) ? 1 : 0;
                }
                System.out.printf("login timing over 300 each: known user, wrong password: median %.3f ms; "
                        + "unknown user: median %.3f ms; known slower in %d of 300 pairs%n",
                        median(known) / 1e6, median(unknown) / 1e6, knownSlower);
                assertThat(known).hasSize(300);
            }
        }
    }

    private static long timed(DavClient client, String login, String password) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(UTF_8));
        long start = System.nanoTime();
        int status = client.send("PROPFIND", "/", Bodies.propfind("d:displayname"), "Depth", "0",
                "Authorization", basic).statusCode();
        long nanos = System.nanoTime() - start;
        assertThat(status).isEqualTo(401);
        return nanos;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
    }

    private static long bindsOf(String log, String dn) {
        Matcher m = BIND.matcher(log);
        long count = 0;
        while (m.find()) {
            count += m.group(1).equalsIgnoreCase(dn) ? 1 : 0;
        }
        return count;
    }
}
