package org.galdav.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.FakeTime;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Incremental sync cost on 10,000 people in slapd: an initial sync-collection, then rounds of 10 changes
 * (8 modified, 1 deleted, 1 added) each followed by an incremental sync — its time, response size, and
 * the entries galdav received from LDAP for it. Three ways of finding changes: syncrepl with syncprov's
 * session log, syncrepl without one (present phase), and comparing listings (change tracking off, the
 * listing cache expired). Not part of the normal test run; see docs/benchmarks.md for the command.
 */
@Tag("benchmark")
class SyncBenchmark {
    private static final int PEOPLE = Integer.getInteger("galdav.bench.people", 10_000);
    private static final int ROUNDS = 5;
    private static final String BOOK = "/addressbooks/directory/";

    private record Row(String how, int responses, long bytes, double medianMs, long medianEntries, double otherClientMs,
                       double noChangeMs, double initialMs) {
    }

    @Test
    void incrementalSync() throws Exception {
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(PEOPLE, 42, 0)));
        List<Row> rows = new ArrayList<>();
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, true, List.of(), 10_000, 0))) {
            slapd.add(entries);
            rows.add(run("syncrepl, syncprov session log", slapd, entries, "syncrepl", 0));
            rows.add(run("comparing listings (tracking off)", slapd, entries, "off", 100));
        }
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, true))) {
            slapd.add(entries);
            rows.add(run("syncrepl, no session log (present phase)", slapd, entries, "syncrepl", 200));
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "Directory: %,d people + groups in slapd 2.5 (syncprov). %d rounds of 10 changes each.%n%n"
                        + "| changes found by | initial sync ms | responses per round | body bytes | median ms "
                        + "| median LDAP entries received | next client, same token: median ms | nothing changed ms |%n"
                        + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n", PEOPLE, ROUNDS));
        for (Row row : rows) {
            report.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %,d | %.0f | %,d | %.1f | %.1f |%n", row.how(),
                    row.initialMs(), row.responses(), row.bytes(), row.medianMs(), row.medianEntries(),
                    row.otherClientMs(), row.noChangeMs()));
        }
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "sync.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    /** @param offset where in the people list this run's changes start, so runs change different people */
    private Row run(String how, Slapd slapd, List<Entry> entries, String tracking, int offset) throws Exception {
        FakeTime time = new FakeTime();
        List<TestServers.Search> searches = new CopyOnWriteArrayList<>();
        Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
        settings.put("cache.warm-up", false);
        settings.put("sync.change-tracking", tracking);
        List<Entry> people = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson"))
                .filter(e -> !"demo".equals(e.getAttributeValue("uid"))).toList();
        try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), searches, time)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            long start = System.nanoTime();
            String token = tokenOf(client.report(BOOK, "1", body("")).body());
            double initialMs = (System.nanoTime() - start) / 1e6;
            double[] ms = new double[ROUNDS];
            double[] otherMs = new double[ROUNDS];
            long[] received = new long[ROUNDS];
            int responses = 0;
            long bytes = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int from = offset + round * 10;
                try (LDAPConnection root = slapd.connectAsRoot()) {
                    for (Entry person : people.subList(from, from + 8)) {
                        root.modify(person.getDN(), new Modification(ModificationType.REPLACE, "title",
                                "Changed in round " + round));
                    }
                    root.delete(people.get(from + 8).getDN());
                    root.add(new Entry("uid=bench-" + how.hashCode() + "-" + round + "," + DemoCompany.PEOPLE_DN,
                            new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                            new Attribute("uid", "bench-" + round), new Attribute("cn", "Bench Person " + round),
                            new Attribute("sn", "Person")));
                }
                time.advance(Duration.ofMinutes(6)); // past poll interval and listing cache TTL
                int before = searches.size();
                start = System.nanoTime();
                String incremental = client.report(BOOK, "1", body(token)).body();
                ms[round] = (System.nanoTime() - start) / 1e6;
                received[round] = searches.subList(before, searches.size()).stream()
                        .mapToLong(TestServers.Search::entries).sum();
                Multistatus answer = Multistatus.parse(incremental);
                responses = answer.responses().size();
                bytes = incremental.getBytes(StandardCharsets.UTF_8).length;
                assertThat(responses).isGreaterThanOrEqualTo(10);
                // A second phone with the same token: the changes are known by now.
                start = System.nanoTime();
                String other = client.report(BOOK, "1", body(token)).body();
                otherMs[round] = (System.nanoTime() - start) / 1e6;
                assertThat(Multistatus.parse(other).responses()).hasSize(responses);
                token = tokenOf(incremental);
            }
            start = System.nanoTime();
            String nothing = client.report(BOOK, "1", body(token)).body();
            double noChangeMs = (System.nanoTime() - start) / 1e6;
            assertThat(Multistatus.parse(nothing).responses()).isEmpty();
            Arrays.sort(ms);
            Arrays.sort(otherMs);
            Arrays.sort(received);
            return new Row(how, responses, bytes, ms[ROUNDS / 2], received[ROUNDS / 2], otherMs[ROUNDS / 2], noChangeMs,
                    initialMs);
        }
    }

    private static String tokenOf(String multistatus) {
        return Multistatus.text(Multistatus.children(Multistatus.parse(multistatus).root(), Multistatus.DAV,
                "sync-token").get(0)).trim();
    }

    private static String body(String token) {
        return "<D:sync-collection xmlns:D='DAV:'><D:sync-token>" + token + "</D:sync-token><D:sync-level>1"
                + "</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
    }
}
