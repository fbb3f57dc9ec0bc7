package org.galdav.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.MixedClient;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test: 200 clients, each logged in as a different person, send the request mix of
 * {@link MixedClient} (PROPFIND Depth 1, GET, multiget, addressbook-query, sync-collection) for 30 s to an
 * in-process server on the default demo directory (1,200 people). Every answer must be complete and correct,
 * and the heap in use after a full collection, with the server still up and its caches full, must stay
 * within a bound. Not part of the normal test run (tag {@code load}); docs/benchmarks.md has the command and
 * the figures.
 */
@Tag("load")
class LoadTest {
    private static final int CLIENTS = Integer.getInteger("galdav.load.clients", 200);
    private static final int SECONDS = Integer.getInteger("galdav.load.seconds", 30);
    /** Measured: 72 MB (docs/benchmarks.md); a leak of about 14 kB per request would cross it. */
    private static final long HEAP_BOUND_MB = Long.getLong("galdav.load.heap-bound-mb", 128);
    private static final String BOOK = "/addressbooks/directory/";
    /** Hang guard for the clients' end: each request has its own 60 s timeout (DavClient). */
    private static final long END_TIMEOUT_SECONDS = 120;

    private record Result(Map<MixedClient.Kind, Integer> requests, List<MixedClient.Outcome> errors, long[] nanos) {
    }

    @Test
    void manyClientsGetNoErrorAndTheHeapStaysBounded() throws Exception {
        DemoOptions demo = DemoOptions.defaults();
        List<String> logins = DemoCompany.entries(demo).stream().filter(e -> e.hasObjectClass("inetOrgPerson"))
                .map(e -> e.getAttributeValue("uid")).limit(CLIENTS).toList();
        List<String> needles = DemoCompany.entries(demo).stream().filter(e -> e.hasObjectClass("inetOrgPerson"))
                .map((Entry e) -> e.getAttributeValue("sn")).filter(sn -> sn != null && sn.matches("[A-Za-z]{3}.*"))
                .map(sn -> sn.substring(0, 3)).distinct().toList();
        assertThat(logins).hasSize(CLIENTS);
        try (GaldavServer server = TestServers.start(Map.of("demo.people", demo.people(), "demo.seed", demo.seed()),
                new Discarding<>(), new Discarding<>(), TimeSource.SYSTEM)) {
            List<String> hrefs = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD)
                    .memberHrefs(BOOK);
            long heapBefore = usedHeapAfterFullGc();
            long start = System.nanoTime();
            Result result = run(server.url(), logins, hrefs, needles, start + TimeUnit.SECONDS.toNanos(SECONDS));
            double seconds = (System.nanoTime() - start) / 1e9;
            long heapAfter = usedHeapAfterFullGc();
            String report = report(result, seconds, heapBefore, heapAfter, hrefs.size());
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "load.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);

            assertThat(result.errors()).as("requests that failed or answered wrongly").isEmpty();
            assertThat(result.requests()).as("requests per kind").hasSize(MixedClient.Kind.values().length)
                    .allSatisfy((kind, n) -> assertThat(n).isPositive());
            assertThat(heapAfter / (1024 * 1024)).as("MB of heap in use after a full collection")
                    .isLessThanOrEqualTo(HEAP_BOUND_MB);
        }
    }

    /** Each client in its own thread, with its own HTTP client (connections) and login, until {@code end}. */
    private static Result run(String url, List<String> logins, List<String> hrefs, List<String> needles, long end)
            throws Exception {
        ConcurrentLinkedQueue<MixedClient.Outcome> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(logins.size());
        List<Future<long[]>> clients = new ArrayList<>();
        Map<MixedClient.Kind, Integer> requests = new EnumMap<>(MixedClient.Kind.class);
        try {
            for (int c = 0; c < logins.size(); c++) {
                int id = c;
                clients.add(pool.submit(() -> {
                    String login = logins.get(id);
                    String password = login.equals(DemoCompany.DEMO_LOGIN) ? DemoCompany.DEMO_PASSWORD : login;
                    MixedClient mix = new MixedClient(new DavClient(url, login, password), BOOK, hrefs, needles, id);
                    long[] nanos = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        MixedClient.Outcome outcome = mix.next("c" + id + "-" + n);
                        if (n == nanos.length) {
                            nanos = Arrays.copyOf(nanos, n * 2);
                        }
                        nanos[n++] = System.nanoTime() - t;
                        synchronized (requests) {
                            requests.merge(outcome.kind(), 1, Integer::sum);
                        }
                        if (!outcome.ok()) {
                            errors.add(outcome);
                        }
                    }
                    return Arrays.copyOf(nanos, n);
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime())
                    + END_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("clients ended").isTrue();
        } finally {
            pool.shutdownNow();
        }
        long[] all = new long[0];
        for (Future<long[]> client : clients) {
            long[] mine = client.get();
            int from = all.length;
            all = Arrays.copyOf(all, from + mine.length);
            System.arraycopy(mine, 0, all, from, mine.length);
        }
        Arrays.sort(all);
        return new Result(requests, List.copyOf(errors), all);
    }

    /** The heap in use after {@code System.gc()} has run a full collection (checked with the collectors' counts). */
    private static long usedHeapAfterFullGc() {
        long collectionsBefore = collections();
        System.gc();
        System.gc(); // a second one collects what finalisation and reference processing freed in the first
        assertThat(collections()).as("collections run by System.gc() (is -XX:+DisableExplicitGC set?)")
                .isGreaterThan(collectionsBefore);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n >= 0).sum();
    }

    private static String report(Result result, double seconds, long heapBefore, long heapAfter, int cards) {
        long[] nanos = result.nanos();
        int total = nanos.length;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Load: %d clients for %.0f s on the demo directory (%d cards), %d cores, max heap %d MB, %s.%n%n"
                        + "| measure | value |%n| --- | ---: |%n", CLIENTS, seconds, cards,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList()));
        out.append(String.format(Locale.ROOT, "| requests | %,d (%.0f per second) |%n", total, total / seconds));
        result.requests().forEach((kind, n) -> out.append(String.format(Locale.ROOT, "| of which %s | %,d |%n",
                kind.name(), n)));
        out.append(String.format(Locale.ROOT, "| errors | %d |%n", result.errors().size()));
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            out.append(String.format(Locale.ROOT, "| latency p%.0f | %.0f ms |%n", q * 100,
                    total == 0 ? 0 : nanos[Math.min(total - 1, (int) (q * total))] / 1e6));
        }
        out.append(String.format(Locale.ROOT, "| latency max | %.0f ms |%n", total == 0 ? 0 : nanos[total - 1] / 1e6));
        out.append(String.format(Locale.ROOT, "| heap in use after full GC, before the load | %.1f MB |%n",
                heapBefore / 1048576.0));
        out.append(String.format(Locale.ROOT, "| heap in use after full GC, after the load (bound %d MB) | %.1f MB |%n",
                HEAP_BOUND_MB, heapAfter / 1048576.0));
        return out.toString();
    }

    /** Takes every element and keeps none: the server's search log would otherwise grow with the load. */
    private static final class Discarding<E> extends AbstractList<E> {
        @Override
        public void add(int index, E element) {
            // dropped
        }

        @Override
        public E get(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
