package org.galdav.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.ServerProcess;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * galdav at 1k / 10k / 100k people, as an administrator meets it: the demo company (seed 42, its own share of
 * photos) in a private slapd with syncprov and a session log, the packaged jar started in a JVM of its own
 * with a given heap, and every measure next to {@code ldapsearch}'s time for the same searches (the floor).
 * Prints a Markdown table and writes it to {@code target/benchmarks/scale.md}. Not part of the normal test
 * run; see docs/benchmarks.md for the command.
 *
 * <p>{@code -Dgaldav.bench.sizes=1000,10000,100000}, {@code -Dgaldav.bench.heap=256m},
 * {@code -Dgaldav.bench.timeout-seconds=120} (the longest wait for one listing or sync).
 */
@Tag("benchmark")
class ScaleBenchmark {
    private static final Path JAR = Path.of("target", "galdav.jar");
    private static final Path OUT = Path.of("target", "benchmarks");

    @Test
    void scale() throws Exception {
        assertThat(JAR).as("the packaged jar: run mvn package -DskipTests first").exists();
        List<Integer> sizes = Arrays.stream(System.getProperty("galdav.bench.sizes", "1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        String heap = System.getProperty("galdav.bench.heap", "256m");
        Duration timeout = Duration.ofSeconds(Long.getLong("galdav.bench.timeout-seconds", 120));
        Files.createDirectories(OUT);
        ScaleResults results = new ScaleResults();
        StringBuilder histograms = new StringBuilder();
        for (int size : sizes) {
            List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(size, 42, 0)));
            List<Entry> people = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson"))
                    .filter(e -> !DemoCompany.DEMO_LOGIN.equals(e.getAttributeValue("uid"))).toList();
            long photos = entries.stream().filter(e -> e.hasAttribute("jpegPhoto")).count();
            // -d stats: slapd logs every search galdav sends (filter, attributes), read back for the floors.
            long start = System.nanoTime();
            // Loaded offline by slapadd before slapd starts (100,000 people in well under a minute).
            try (Slapd slapd = Slapd.startLoaded(new SlapdOptions(DemoCompany.BASE_DN, 0, true, List.of(), 10_000, 0),
                    entries, "stats")) {
                results.put(size, "directory: entries (people with photo), loaded in", String.format(Locale.ROOT,
                        "%,d (%,d), %.0f s", entries.size(), photos, (System.nanoTime() - start) / 1e9));
                Path dir = Files.createTempDirectory("galdav-scale-");
                try {
                    String[] logAndHistogram = new ScaleRun(size, results, slapd, people, timeout, dir)
                            .run(JAR, heap, "18");
                    Files.writeString(OUT.resolve("scale-galdav-" + size + ".log"), logAndHistogram[0]);
                    Files.writeString(OUT.resolve("scale-slapd-searches-" + size + ".log"), logAndHistogram[2]);
                    histograms.append(String.format(Locale.ROOT, "%n### %,d people: `jcmd GC.class_histogram` "
                            + "at the end (top 15)%n%n```%n%s%n```%n", size, logAndHistogram[1]));
                } finally {
                    ServerProcess.deleteRecursively(dir);
                }
            }
            System.out.println(results.markdown()); // progress: the table so far
        }
        String report = String.format(Locale.ROOT, "Scale benchmark of %s: galdav `-Xmx%s` (%s), JDK %s, %s, %d cores."
                + "%n%n%s%s", LocalDate.now(), heap, JAR, System.getProperty("java.version"), machine(),
                Runtime.getRuntime().availableProcessors(), results.markdown(), histograms);
        System.out.println(report);
        Files.writeString(OUT.resolve("scale.md"), report, StandardCharsets.UTF_8);
    }

    private static String machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
            return cpu + ", " + mem;
        } catch (Exception e) {
            return "unknown machine";
        }
    }
}
