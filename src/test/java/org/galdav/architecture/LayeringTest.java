package org.galdav.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: the protocol layer never sees LDAP or vCard libraries, the LDAP layer
 * never sees HTTP, XML or vCards, and nothing but the composition root wires them together.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/org/galdav");

    /** For each package, the imports it must never have. */
    private static final Map<String, Set<String>> FORBIDDEN = Map.of(
            "core", Set.of("com.unboundid", "ezvcard", "io.undertow", "org.galdav.dav", "org.galdav.http",
                    "org.galdav.directory", "org.galdav.mapping", "org.galdav.vcard", "org.galdav.book",
                    "org.galdav.cache", "org.galdav.server", "org.galdav.config"),
            "dav", Set.of("com.unboundid", "ezvcard", "io.undertow", "org.galdav.directory", "org.galdav.mapping",
                    "org.galdav.vcard", "org.galdav.book", "org.galdav.http", "org.galdav.server"),
            "http", Set.of("com.unboundid", "ezvcard", "org.galdav.directory", "org.galdav.mapping",
                    "org.galdav.vcard", "org.galdav.book", "org.galdav.server"),
            "directory", Set.of("io.undertow", "ezvcard", "javax.xml", "org.galdav.dav", "org.galdav.http",
                    "org.galdav.mapping", "org.galdav.vcard", "org.galdav.book", "org.galdav.server"),
            "mapping", Set.of("io.undertow", "ezvcard", "org.galdav.dav", "org.galdav.http", "org.galdav.directory",
                    "org.galdav.book", "org.galdav.server"),
            "vcard", Set.of("io.undertow", "com.unboundid", "org.galdav.dav", "org.galdav.http",
                    "org.galdav.directory", "org.galdav.book", "org.galdav.server"),
            "cache", Set.of("io.undertow", "com.unboundid", "ezvcard", "org.galdav.dav", "org.galdav.http",
                    "org.galdav.directory", "org.galdav.mapping", "org.galdav.vcard", "org.galdav.server"),
            "book", Set.of("io.undertow", "ezvcard", "org.galdav.dav", "org.galdav.http", "org.galdav.server"),
            "demo", Set.of("io.undertow", "ezvcard", "org.galdav."),
            "sync", Set.of("io.undertow", "com.unboundid", "ezvcard", "org.galdav.dav", "org.galdav.http",
                    "org.galdav.directory", "org.galdav.mapping", "org.galdav.vcard", "org.galdav.book",
                    "org.galdav.cache", "org.galdav.server"));

    @Test
    void packagesOnlyDependDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = SOURCES.resolve(rule.getKey());
            assertThat(dir).as("package " + rule.getKey()).isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String trimmed = line.trim();
                        if (!trimmed.startsWith("import ")) {
                            continue;
                        }
                        String imported = trimmed.replace("import static ", "").replace("import ", "");
                        for (String forbidden : rule.getValue()) {
                            if (imported.startsWith(forbidden) && !imported.startsWith("org.galdav." + rule.getKey() + ".")) {
                                violations.add(file + ": " + trimmed);
                            }
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void nothingImportsTheCompositionRoot() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(SOURCES.resolve("server")))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("import org.galdav.server.");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }
}
