package org.galdav.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Incremental sync cost: 10,000 people in slapd, an initial sync-collection, 10 people changed, then the
 * incremental sync — its time, response size, and how many entries galdav read from LDAP for it.
 * Not part of the normal test run; see docs/benchmarks.md for the command.
 */
@Tag("benchmark")
class SyncBenchmark {
    private static final int PEOPLE = Integer.getInteger("galdav.bench.people", 10_000);
    private static final String BOOK = "/addressbooks/directory/";

    @Test
    void incrementalSync() throws Exception {
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(PEOPLE, 42, 0)));
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, false))) {
            slapd.add(entries);
            AtomicLong nanos = new AtomicLong();
            Ticker ticker = nanos::get;
            List<TestServers.Search> searches = new CopyOnWriteArrayList<>();
            Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("cache.warm-up", false);
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), searches, ticker)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                long start = System.nanoTime();
                String initial = client.report(BOOK, "1", body("")).body();
                double initialMs = (System.nanoTime() - start) / 1e6;
                Multistatus first = Multistatus.parse(initial);
                String token = Multistatus.text(Multistatus.children(first.root(), Multistatus.DAV, "sync-token").get(0));

                try (LDAPConnection root = slapd.connectAsRoot()) {
                    entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")).skip(100).limit(10)
                            .forEach(e -> modify(root, e.getDN()));
                }
                nanos.addAndGet(Duration.ofMinutes(6).toNanos()); // the listing cache expires, as it would
                int before = searches.size();
                start = System.nanoTime();
                String incremental = client.report(BOOK, "1", body(token)).body();
                double incrementalMs = (System.nanoTime() - start) / 1e6;
                long entriesRead = searches.subList(before, searches.size()).stream().mapToLong(TestServers.Search::entries).sum();
                int changes = Multistatus.parse(incremental).responses().size();
                assertThat(changes).isGreaterThanOrEqualTo(10);

                start = System.nanoTime();
                String nothing = client.report(BOOK, "1", body(Multistatus.text(Multistatus.children(
                        Multistatus.parse(incremental).root(), Multistatus.DAV, "sync-token").get(0)))).body();
                double noChangeMs = (System.nanoTime() - start) / 1e6;
                assertThat(Multistatus.parse(nothing).responses()).isEmpty();

                String report = String.format(Locale.ROOT, "Directory: %,d people + groups in slapd.%n%n"
                        + "| sync | responses | body bytes | ms | LDAP entries read |%n| --- | ---: | ---: | ---: | ---: |%n"
                        + "| initial (empty token) | %,d | %,d | %.0f | (listing) |%n"
                        + "| after 10 people changed, cache expired | %d | %,d | %.0f | %,d |%n"
                        + "| nothing changed, cache warm | 0 | %,d | %.0f | 0 |%n",
                        PEOPLE, first.responses().size(), initial.getBytes(StandardCharsets.UTF_8).length, initialMs,
                        changes, incremental.getBytes(StandardCharsets.UTF_8).length, incrementalMs, entriesRead,
                        nothing.getBytes(StandardCharsets.UTF_8).length, noChangeMs);
                System.out.println(report);
                Path out = Path.of("target", "benchmarks", "sync.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report, StandardCharsets.UTF_8);
            }
        }
    }

    private static void modify(LDAPConnection root, String dn) {
        try {
            root.modify(dn, new Modification(ModificationType.REPLACE, "title", "Changed for the benchmark"));
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new AssertionError(e);
        }
    }

    private static String body(String token) {
        return "<D:sync-collection xmlns:D='DAV:'><D:sync-token>" + token + "</D:sync-token><D:sync-level>1"
                + "</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
    }
}
