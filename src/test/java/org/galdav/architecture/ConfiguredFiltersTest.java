package org.galdav.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * LDAP filters from the configuration are parsed once, when it is loaded ({@code config}); the composition
 * root and the layers receive parsed filters and never parse configuration text again.
 */
class ConfiguredFiltersTest {
    private static final Path SOURCES = Path.of("src/main/java/org/galdav");

    @Test
    void onlyTheLoaderParsesConfiguredFilters() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                boolean config = file.startsWith(SOURCES.resolve("config"));
                if (file.startsWith(SOURCES.resolve("server")) && text.contains("Filter.create(")) {
                    offenders.add(file + ": Filter.create");
                }
                if (!config && text.contains("LoginFilter.parse(")) {
                    offenders.add(file + ": LoginFilter.parse");
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
