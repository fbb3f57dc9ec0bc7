package org.galdav.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Autocomplete as phones do it: addressbook-query, FN or EMAIL contains three letters, limit 50, against
 * 10,000 people in a real OpenLDAP with substring indexes. Measures cold (first time this text is
 * asked) and warm (asked again) latency over HTTP, and the same LDAP search with ldapsearch and with
 * the SDK alone as the floor. Not part of the normal test run; see docs/benchmarks.md for the command.
 */
@Tag("benchmark")
class AutocompleteBenchmark {
    private static final int PEOPLE = Integer.getInteger("galdav.bench.people", 10_000);
    private static final int NEEDLES = 40;
    private static final int WARM_REPEATS = 20;
    private static final String BOOK = "/addressbooks/directory/";

    @Test
    void autocomplete() throws Exception {
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(PEOPLE, 42, 0)));
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 500, false))) {
            long loadStart = System.nanoTime();
            slapd.add(entries);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            List<TestServers.Search> searches = new CopyOnWriteArrayList<>();
            Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("cache.warm-up", false);
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), searches, TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                List<String> needles = needles(entries);
                // What the start-up warm-up does: one full listing (it also teaches the server every DN's UID).
                long listStart = System.nanoTime();
                int listed = Multistatus.parse(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body())
                        .responses().size() - 1;
                double coldListing = (System.nanoTime() - listStart) / 1e6;
                listStart = System.nanoTime();
                client.propfind(BOOK, "1", Bodies.propfind("d:getetag"));
                double warmListing = (System.nanoTime() - listStart) / 1e6;
                // JIT warm-up on other text, so "cold" measures the cache, not the JVM.
                for (String warmup : List.of("zzq", "xqz", "qzx", "wvq", "vqw")) {
                    query(client, "FN", warmup);
                }
                List<Double> cold = new ArrayList<>();
                List<Double> warm = new ArrayList<>();
                List<Long> ldapEntries = new ArrayList<>();
                List<Double> ldapTime = new ArrayList<>();
                List<Integer> results = new ArrayList<>();
                List<String> filters = new ArrayList<>();
                for (int i = 0; i < needles.size(); i++) {
                    String property = i % 2 == 0 ? "FN" : "EMAIL";
                    int before = searches.size();
                    long start = System.nanoTime();
                    int found = query(client, property, needles.get(i));
                    cold.add((System.nanoTime() - start) / 1e6);
                    List<TestServers.Search> sent = searches.subList(before, searches.size());
                    assertThat(sent).as("one LDAP search for %s", needles.get(i)).hasSize(1);
                    ldapEntries.add(sent.get(0).entries());
                    ldapTime.add(sent.get(0).nanos() / 1e6);
                    filters.add(sent.get(0).filter().toString());
                    results.add(found);
                    for (int r = 0; r < WARM_REPEATS; r++) {
                        start = System.nanoTime();
                        query(client, property, needles.get(i));
                        warm.add((System.nanoTime() - start) / 1e6);
                    }
                }
                List<Double> sdk = new ArrayList<>();
                List<Double> cli = new ArrayList<>();
                try (LDAPConnection connection = new LDAPConnection("127.0.0.1", slapd.port(), DemoCompany.SERVICE_DN,
                        DemoCompany.SERVICE_PASSWORD)) {
                    String[] attributes = {"objectClass", "entryUUID", "modifyTimestamp", "member", "uniqueMember",
                            "displayName", "cn", "givenName", "sn", "uid", "mail", "telephoneNumber", "mobile",
                            "facsimileTelephoneNumber", "homePhone", "o", "ou", "title", "employeeType",
                            "postOfficeBox", "street", "l", "st", "postalCode", "c", "jpegPhoto", "description",
                            "labeledURI", "departmentNumber"};
                    for (String filter : filters) {
                        // As much as a limit-50 answer needs: 51 entries (the 51st shows there are more).
                        SearchRequest request = new SearchRequest(DemoCompany.BASE_DN, SearchScope.SUB, filter, attributes);
                        request.setSizeLimit(51);
                        long start = System.nanoTime();
                        try {
                            connection.search(request);
                        } catch (com.unboundid.ldap.sdk.LDAPSearchException e) {
                            assertThat(e.getResultCode()).isEqualTo(com.unboundid.ldap.sdk.ResultCode.SIZE_LIMIT_EXCEEDED);
                        }
                        sdk.add((System.nanoTime() - start) / 1e6);
                        cli.add(ldapsearch(slapd.url(), filter, attributes));
                    }
                }
                String report = report(loadSeconds, needles, results, ldapEntries, cold, warm, sdk, cli, ldapTime)
                        + String.format(Locale.ROOT, "%nFull listing (PROPFIND Depth 1, %,d cards with getetag): first %.0f ms, "
                        + "cached %.0f ms.%n", listed, coldListing, warmListing);
                System.out.println(report);
                Path out = Path.of("target", "benchmarks", "autocomplete.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report, StandardCharsets.UTF_8);
                assertThat(ldapEntries.stream().mapToLong(Long::longValue).max().orElseThrow())
                        .as("searches return candidates, not the directory").isLessThan(PEOPLE / 4);
            }
        }
    }

    private static int query(DavClient client, String property, String text) {
        String filter = "<C:filter><C:prop-filter name='" + property + "'><C:text-match collation='i;unicode-casemap'"
                + " match-type='contains'>" + text + "</C:text-match></C:prop-filter></C:filter>";
        String body = client.report(BOOK, "1", Bodies.query(filter, "50")).body();
        return (int) Multistatus.parse(body).responses().stream().filter(r -> !r.href().equals(BOOK)).count();
    }

    /** Three-letter pieces of real names and addresses, as a user would type them; deterministic. */
    private static List<String> needles(List<Entry> entries) {
        Random random = new Random(7);
        Set<String> out = new LinkedHashSet<>();
        List<Entry> people = entries.stream().filter(e -> e.hasAttribute("uid") && e.hasAttribute("mail")).toList();
        while (out.size() < NEEDLES) {
            Entry person = people.get(random.nextInt(people.size()));
            String source = out.size() % 2 == 0 ? person.getAttributeValue("cn") : person.getAttributeValue("mail");
            String letters = source.replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT);
            if (letters.length() >= 3) {
                int at = random.nextInt(letters.length() - 2);
                out.add(letters.substring(at, at + 3));
            }
        }
        return List.copyOf(out);
    }

    private static double ldapsearch(String url, String filter, String[] attributes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ldapsearch", "-LLL", "-x", "-H", url, "-D", DemoCompany.SERVICE_DN,
                "-w", DemoCompany.SERVICE_PASSWORD, "-b", DemoCompany.BASE_DN, "-z", "51", filter));
        command.addAll(Arrays.asList(attributes));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("0, or 4 when the 51-entry limit was reached").isIn(0, 4);
        return (System.nanoTime() - start) / 1e6;
    }

    private static String report(double loadSeconds, List<String> needles, List<Integer> results, List<Long> ldapEntries,
                                 List<Double> cold, List<Double> warm, List<Double> sdk, List<Double> cli,
                                 List<Double> ldapTime) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Directory: %,d people + groups in OpenLDAP %s (loaded in %.1f s), "
                + "%d three-letter needles (FN and EMAIL alternately), limit 50, %d warm repeats each.%n%n",
                PEOPLE, "slapd", loadSeconds, needles.size(), WARM_REPEATS));
        out.append("| measure | median ms | p90 ms | max ms |\n| --- | ---: | ---: | ---: |\n");
        row(out, "galdav, cold (query not cached; HTTP + LDAP + rendering)", cold);
        row(out, "galdav, warm (same query again, from the cache)", warm);
        row(out, "of the cold time: the LDAP search with mapping and rendering of its entries", ldapTime);
        row(out, "same LDAP filter, UnboundID SDK in-process, 51 entries max (floor)", sdk);
        row(out, "same LDAP filter, `ldapsearch -z 51` (incl. process start)", cli);
        out.append(String.format(Locale.ROOT, "%nEntries returned by LDAP per search: median %d, max %d (of %,d). "
                + "Cards returned per query: median %d, max %d.%n",
                median(ldapEntries.stream().map(Long::doubleValue).toList()).longValue(),
                ldapEntries.stream().mapToLong(Long::longValue).max().orElse(0), PEOPLE,
                median(results.stream().map(Integer::doubleValue).toList()).intValue(),
                results.stream().mapToInt(Integer::intValue).max().orElse(0)));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", label, median(values),
                sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.9))), sorted.get(sorted.size() - 1)));
    }

    private static Double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
