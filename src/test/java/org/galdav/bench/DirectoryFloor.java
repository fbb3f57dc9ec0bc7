package org.galdav.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.it.ServerProcess;

/**
 * The directory's own speed for what galdav asked of it: the searches are read from slapd's {@code stats}
 * log (base, filter and attribute list exactly as galdav sent them), then run again with {@code ldapsearch}
 * from ldap-utils, bound as the same service account. Its time includes the process start and writing the
 * LDIF (to a pipe read by {@code tail}), as a shell user would see it.
 */
final class DirectoryFloor {
    private static final Pattern SEARCH = Pattern.compile(
            "conn=(\\d+) op=(\\d+) SRCH base=\"([^\"]*)\" scope=(\\d) deref=\\d filter=\"(.*)\"$", Pattern.MULTILINE);
    private static final Pattern ATTRIBUTES = Pattern.compile("conn=(\\d+) op=(\\d+) SRCH attr=(.*)$",
            Pattern.MULTILINE);
    private static final Pattern ENTRIES = Pattern.compile("# numEntries: (\\d+)");
    private static final long LDAPSEARCH_MILLIS = 600_000;

    /** One search galdav sent: base DN, filter and requested attributes, as slapd logged them. */
    record Search(String base, String filter, List<String> attributes) {
    }

    /** What one {@code ldapsearch} run took and returned. */
    record Timed(double millis, long entries) {
    }

    private DirectoryFloor() {
    }

    /** The subtree searches in {@code log} (a piece of slapd's {@code -d stats} output), in order. */
    static List<Search> searches(String log) {
        Map<String, List<String>> attributes = new HashMap<>();
        Matcher a = ATTRIBUTES.matcher(log);
        while (a.find()) {
            attributes.put(a.group(1) + "/" + a.group(2), Arrays.asList(a.group(3).trim().split(" ")));
        }
        List<Search> out = new ArrayList<>();
        Matcher s = SEARCH.matcher(log);
        while (s.find()) {
            if ("2".equals(s.group(4))) {
                // slapd marks a component it evaluates as Undefined (e.g. non-ASCII text against IA5 mail) with
                // "(?attr=...)"; galdav sent it as "(attr=...)", and slapd treats it so again.
                out.add(new Search(s.group(3), s.group(5).replace("(?", "("), attributes.getOrDefault(s.group(1) + "/" + s.group(2),
                        List.of())));
            }
        }
        return out;
    }

    /** The listing: the subtree search sent most often (once per page of the paged search). */
    static Optional<Search> listing(String log) {
        Map<Search, Integer> counts = new HashMap<>();
        searches(log).forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The last subtree search whose filter contains {@code needle}. */
    static Optional<Search> containing(String log, String needle) {
        List<Search> all = searches(log).stream().filter(s -> s.filter().contains(needle)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Runs {@code search} with {@code ldapsearch}; {@code pageSize > 0} adds the paged-results control
     * ({@code -E pr=<pageSize>/noprompt}), {@code sizeLimit > 0} a size limit ({@code -z}).
     */
    static Timed ldapsearch(String url, String bindDn, String password, Search search, int pageSize, int sizeLimit,
            Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("ldapsearch", "-x", "-H", url, "-D", bindDn, "-w", password,
                "-b", search.base(), "-s", "sub"));
        if (pageSize > 0) {
            command.addAll(List.of("-E", "pr=" + pageSize + "/noprompt"));
        }
        if (sizeLimit > 0) {
            command.addAll(List.of("-z", Integer.toString(sizeLimit)));
        }
        command.add(search.filter());
        command.addAll(search.attributes());
        StringBuilder shell = new StringBuilder();
        for (String part : command) {
            shell.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        shell.append("| tail -n 5");
        Path out = dir.resolve("ldapsearch.out");
        long start = System.nanoTime();
        Process process = ServerProcess.capturingOutput(out, List.of("sh", "-c", shell.toString())).start();
        ServerProcess.awaitExit(process, out, "ldapsearch", LDAPSEARCH_MILLIS);
        double millis = (System.nanoTime() - start) / 1e6;
        String tail = Files.readString(out);
        Matcher m = ENTRIES.matcher(tail);
        long entries = 0;
        while (m.find()) { // paged: one summary per page; the last one counts every entry
            entries = Long.parseLong(m.group(1));
        }
        if (!tail.contains("numEntries") && !tail.contains("numResponses")) {
            throw new BenchHttp.Failed("ldapsearch: " + tail.strip());
        }
        return new Timed(millis, entries);
    }
}
