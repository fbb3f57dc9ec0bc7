package org.galdav.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What {@code GET /metrics} says, parsed from the Prometheus text format (comment lines skipped). */
public final class Scrapes {
    private Scrapes() {
    }

    /** Each sample's value by its series, written as exposed: {@code name} or {@code name{label="value",...}}. */
    public static Map<String, Double> samples(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    /** The metric names of every sample ({@code _count}, {@code _sum}, {@code _max} as exposed). */
    public static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        for (String series : samples(text).keySet()) {
            int brace = series.indexOf('{');
            names.add(brace < 0 ? series : series.substring(0, brace));
        }
        return names;
    }
}
