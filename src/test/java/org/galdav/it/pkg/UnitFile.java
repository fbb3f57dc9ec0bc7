package org.galdav.it.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as systemd reads it (systemd.syntax(7)): {@code [Section]} headers, then
 * {@code Key=Value} lines; '#' and ';' start comments, a key may be given several times. Line continuations
 * are not used by galdav's unit and not supported here.
 */
record UnitFile(Map<String, Map<String, List<String>>> sections) {
    static UnitFile read(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.endsWith("\\")) {
                throw new IllegalArgumentException(file + ": line continuation not supported: " + raw);
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq < 1) {
                throw new IllegalArgumentException(file + ": not a Key=Value line in a section: " + raw);
            }
            current.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return new UnitFile(sections);
    }

    /** The values of {@code key} in {@code section}, in file order; empty when it is not set. */
    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The single value of {@code key} in {@code section}. */
    String value(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) {
            throw new AssertionError(section + "." + key + " is set " + values.size() + " times: " + values);
        }
        return values.get(0);
    }
}
