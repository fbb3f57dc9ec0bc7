package org.galdav.server;

/**
 * Makes a text safe for a one-line log entry: every character that could end a line or make the line say
 * something it does not is written as an escape — CR, LF and tab as {@code \r}, {@code \n}, {@code \t}; NUL,
 * the other C0 controls, DEL and the C1 controls (NEL, U+0085, ends a line for some readers), U+2028/U+2029 and
 * the bidirectional overrides and isolates (which reorder what a reader sees) as {@code \}{@code uXXXX}. A path
 * such as {@code /x%0a2026-12-02T05:00:00.000Z WARN ...} therefore stays on its own line. Backslashes are left
 * as they are, so that DNs such as {@code cn=Doe\, John} read as usual. Stateless.
 */
final class LogText {
    private LogText() {
    }

    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
