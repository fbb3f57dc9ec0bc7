package org.galdav.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One media range of an {@code Accept} header (RFC 9110 §12.5.1): its type in lower case, its parameters (names in
 * lower case, values unquoted) and its weight; a weight that is not a number counts as 0 (not acceptable).
 */
record MediaRange(String type, Map<String, String> parameters, double quality) {

    /** The ranges of a header, in order; none for a missing one. */
    static List<MediaRange> parse(String accept) {
        List<MediaRange> ranges = new ArrayList<>();
        if (accept == null) {
            return ranges;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            Map<String, String> parameters = new HashMap<>();
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                String value = kv[1].trim().replace("\"", "");
                if (key.equals("q")) {
                    quality = weight(value);
                } else {
                    parameters.put(key, value);
                }
            }
            ranges.add(new MediaRange(parts[0].trim().toLowerCase(Locale.ROOT), parameters, quality));
        }
        return ranges;
    }

    private static double weight(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
