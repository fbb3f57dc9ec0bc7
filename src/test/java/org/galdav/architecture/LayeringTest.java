package org.galdav.architecture;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way, as docs/architecture.md and each package-info.java say: the protocol side
 * never sees LDAP or vCard libraries, the LDAP side never sees HTTP or XML, only the composition root wires
 * layers together, and nothing depends on it. Every reference counts, imported or fully qualified; comments
 * and string literals do not.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/org/galdav");
    private static final String ALL = "*";

    /** Libraries and JDK areas whose use is a design decision; the rest of the JDK is free to all. */
    private static final List<String> WATCHED = List.of("com.unboundid", "io.undertow", "ezvcard",
            "com.github.benmanes.caffeine", "com.typesafe.config", "io.micrometer", "org.slf4j", "ch.qos.logback",
            "javax.xml", "org.w3c.dom", "org.xml.sax", "java.net.http", "com.sun.net.httpserver", "java.awt",
            "javax.imageio", "freemarker", "com.google.zxing", "com.dd.plist", "org.bouncycastle", "org.commonmark", "picocli");

    /** What each package may use: other galdav packages by name, and watched libraries. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("core", Set.of()),
            entry("dav", Set.of("core", "javax.xml")),
            entry("http", Set.of("core", "dav", "io.undertow", "javax.xml", "org.slf4j")),
            entry("mapping", Set.of("core", "com.unboundid", "com.typesafe.config", "java.awt", "javax.imageio",
                    "com.github.benmanes.caffeine", "org.slf4j")),
            entry("vcard", Set.of("core", "mapping", "ezvcard", "org.slf4j")),
            entry("directory", Set.of("core", "com.unboundid", "com.github.benmanes.caffeine", "org.slf4j")),
            entry("book", Set.of("core", "mapping", "vcard", "directory", "com.unboundid",
                    "com.github.benmanes.caffeine", "org.slf4j")),
            entry("cache", Set.of("core", "com.github.benmanes.caffeine", "org.slf4j")),
            entry("sync", Set.of("core", "org.slf4j")),
            entry("config", Set.of("core", "cache", "directory", "http", "com.typesafe.config", "com.unboundid",
                    "org.slf4j")),
            entry("setup", Set.of("core", "dav", "http", "io.undertow", "freemarker", "com.google.zxing",
                    "com.dd.plist", "org.bouncycastle", "org.commonmark", "java.awt", "javax.imageio", "org.slf4j")),
            entry("demo", Set.of("com.unboundid", "java.awt", "javax.imageio", "org.slf4j")),
            entry("server", Set.of(ALL)));

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.galdav\\.(\\w+)|\\b("
            + String.join("|", WATCHED.stream().map(Pattern::quote).toList()) + ")\\b");

    @Test
    void everyPackageDependsOnlyOnWhatItMayUse() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String layer = layerOf(file);
            Set<String> allowed = ALLOWED.get(layer);
            if (allowed == null || allowed.contains(ALL)) {
                continue;
            }
            Matcher m = REFERENCE.matcher(code(file));
            while (m.find()) {
                String used = m.group(1) != null ? m.group(1) : m.group(2);
                if (!used.equals(layer) && !allowed.contains(used)) {
                    violations.add(SOURCES.relativize(file) + " uses " + used);
                }
            }
        }
        assertThat(new TreeSet<>(violations)).isEmpty();
    }

    @Test
    void everyPackageHasRulesAndSaysWhatItIsFor() throws IOException {
        Set<String> layers = new TreeSet<>();
        for (Path file : sources()) {
            layers.add(layerOf(file));
        }
        assertThat(ALLOWED.keySet()).as("a rule for every package").containsExactlyInAnyOrderElementsOf(layers);
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.equals(SOURCES)).toList()) {
                assertThat(dir.resolve("package-info.java")).as("package-info.java in " + dir).exists();
            }
        }
    }

    @Test
    void nothingDependsOnTheCompositionRootAndTheLayersFormNoCycle() {
        ALLOWED.forEach((layer, allowed) -> {
            if (!layer.equals("server")) {
                assertThat(allowed).as(layer).doesNotContain("server");
            }
        });
        // Depth-first search over the galdav packages: none may reach itself.
        for (String start : ALLOWED.keySet()) {
            if (!ALLOWED.get(start).contains(ALL)) {
                assertThat(reachable(start)).as("packages " + start + " depends on, directly or not")
                        .doesNotContain(start);
            }
        }
    }

    /** The check itself works: a fully qualified reference, hidden from import lists, is caught. */
    @Test
    void fullyQualifiedReferencesCountButCommentsAndStringsDoNot() {
        String code = code("/** see {@link org.galdav.http.DavHandler} */ class X { String s = \"io.undertow.Undertow\";"
                + " // org.galdav.server.Main\n Object o = new com.unboundid.ldap.sdk.DN(\"\"); }");
        Matcher m = REFERENCE.matcher(code);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(found).containsExactly("com.unboundid");
    }

    private static Set<String> reachable(String start) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(ALLOWED.get(start));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (ALLOWED.containsKey(next) && seen.add(next)) {
                todo.addAll(ALLOWED.get(next));
            }
        }
        return seen;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static String layerOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    private static String code(Path file) throws IOException {
        return code(Files.readString(file));
    }

    /** The source without comments, string, text block and character literals, and its package declaration. */
    private static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = skipTo(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = skipTo(source, "*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                i = skipTo(source, "\"\"\"", i + 3) + 3;
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(source, c, i + 1);
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(' '); // what was skipped still separates tokens
        }
        return out.toString().replaceAll("(?m)^\\s*package [\\w.]+;", "");
    }

    private static int skipTo(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at;
    }

    /** Just past the closing quote of a string or character literal whose content starts at {@code from}. */
    private static int endOfLiteral(String source, char quote, int from) {
        int i = from;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
