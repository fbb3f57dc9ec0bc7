package org.galdav.it.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The commented examples of the shipped configuration file (src/dist/conf/galdav.conf, installed as
 * /etc/galdav/galdav.conf), as an administrator would uncomment them. Sections start with a
 * {@code # ---- Title} line; a line that is only {@code #} separates two examples of one section. An
 * example's lines are its commented lines that read as settings (a key of the top-level objects galdav
 * knows, an indented continuation, or a closing bracket); the others are explanations.
 */
record ExampleConfiguration(String active, Map<String, String> examples) {
    static final Path SHIPPED = Path.of("src/dist/conf/galdav.conf");
    private static final Pattern SETTING = Pattern.compile("^(ldap|auth|books|http|sync|cache|search)\\b.*|^\\s.*|^[}\\]].*");
    private static final String SECTION = "# ---- ";

    static ExampleConfiguration shipped() throws IOException {
        return parse(Files.readString(SHIPPED, StandardCharsets.UTF_8));
    }

    /** Splits {@code text} into its active (uncommented) settings and its examples, by "Section" or "Section 2". */
    static ExampleConfiguration parse(String text) {
        StringBuilder active = new StringBuilder();
        Map<String, String> examples = new LinkedHashMap<>();
        String section = null;
        List<String> chunk = new ArrayList<>();
        int part = 1;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(SECTION)) {
                add(examples, section, part, chunk);
                section = line.substring(SECTION.length()).replaceAll("[-\\s]+$", "").replaceAll("\\s*\\(.*", "");
                part = 1;
            } else if (line.equals("#")) {
                part += add(examples, section, part, chunk) ? 1 : 0;
            } else if (line.startsWith("# ") && section != null) {
                String uncommented = line.substring(2);
                if (SETTING.matcher(uncommented).matches()) {
                    chunk.add(uncommented);
                }
            } else if (!line.isBlank() && !line.startsWith("#")) {
                active.append(line).append('\n');
            }
        }
        add(examples, section, part, chunk);
        return new ExampleConfiguration(active.toString(), examples);
    }

    private static boolean add(Map<String, String> examples, String section, int part, List<String> chunk) {
        if (section == null || chunk.isEmpty()) {
            chunk.clear();
            return false;
        }
        examples.put(part == 1 ? section : section + " " + part, String.join("\n", chunk) + "\n");
        chunk.clear();
        return true;
    }
}
