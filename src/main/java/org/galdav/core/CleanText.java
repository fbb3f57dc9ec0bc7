package org.galdav.core;

/**
 * Removes characters that XML 1.0 cannot carry (C0 controls other than tab, newline and carriage
 * return; U+FFFE/U+FFFF; unpaired surrogates). Directories accept them (a vertical tab pasted from an
 * office program is common), but one of them inside address-data would make the whole multistatus
 * unreadable for every client; vertical tab and form feed become a newline, the rest is dropped.
 */
public final class CleanText {
    private CleanText() {
    }

    public static String clean(String text) {
        int length = text.length();
        int i = 0;
        while (i < length && allowed(text, i)) {
            i += Character.charCount(text.codePointAt(i));
        }
        if (i == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length);
        out.append(text, 0, i);
        while (i < length) {
            int cp = text.codePointAt(i);
            if (allowed(text, i)) {
                out.appendCodePoint(cp);
            } else if (cp == 0x0B || cp == 0x0C) {
                out.append('\n');
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean allowed(String text, int index) {
        char c = text.charAt(index);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        }
        return !Character.isLowSurrogate(c);
    }
}
