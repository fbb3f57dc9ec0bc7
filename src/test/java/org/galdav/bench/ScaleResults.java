package org.galdav.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scale benchmark's table: one row per measure, one column per directory size. A cell holds a figure or
 * what went wrong instead ("OOM", "error 503", "timeout 120 s"), so that one failure never loses the rest.
 */
final class ScaleResults {
    private final Set<String> rows = new LinkedHashSet<>();
    private final Map<Integer, Map<String, String>> cells = new LinkedHashMap<>();

    /** Records {@code text} in row {@code row} for {@code size} people. */
    synchronized void put(int size, String row, String text) {
        rows.add(row);
        cells.computeIfAbsent(size, s -> new LinkedHashMap<>()).put(row, text);
    }

    synchronized String get(int size, String row) {
        return cells.getOrDefault(size, Map.of()).get(row);
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String ratio(double value, double floor) {
        return floor <= 0 ? "–" : String.format(Locale.ROOT, "%.1f×", value / floor);
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%,.0f MB", kb / 1024.0);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The Markdown table: measures down, sizes across. */
    synchronized String markdown() {
        StringBuilder out = new StringBuilder("| measure |");
        StringBuilder line = new StringBuilder("| --- |");
        for (int size : cells.keySet()) {
            out.append(String.format(Locale.ROOT, " %,d people |", size));
            line.append(" ---: |");
        }
        out.append('\n').append(line).append('\n');
        for (String row : rows) {
            out.append("| ").append(row).append(" |");
            for (Map<String, String> column : cells.values()) {
                out.append(' ').append(column.getOrDefault(row, "").replace("|", "\\|")).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
