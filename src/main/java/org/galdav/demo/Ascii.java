package org.galdav.demo;

import java.text.Normalizer;

/** Folds Latin-script names to lowercase ASCII letters, because logins and mail local parts must be ASCII. */
final class Ascii {

    private Ascii() {
    }

    /** "Łukasz" → "lukasz", "Ørsted" → "orsted", "O'Brien" → "obrien", "de Jong" → "dejong". */
    static String letters(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = Character.toLowerCase(decomposed.charAt(i));
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            } else {
                out.append(special(c));
            }
        }
        return out.toString();
    }

    /** Letters that NFD does not split into base letter plus accent. */
    private static String special(char c) {
        return switch (c) {
            case 'ł' -> "l";
            case 'ø' -> "o";
            case 'ß' -> "ss";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'đ', 'ð' -> "d";
            case 'ı' -> "i";
            case 'þ' -> "th";
            default -> "";
        };
    }
}
