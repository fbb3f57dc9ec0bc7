package org.galdav.core.query;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The collations a text-match may name (RFC 6352 §8.3, RFC 4790). Each reduces a string to a key;
 * two strings compare equal (or one contains the other) exactly when their keys do.
 */
public enum Collation {
    /** Octet by octet; case and accents matter. */
    OCTET("i;octet"),
    /** Only ASCII letters fold to one case (RFC 4790 §9.2). */
    ASCII_CASEMAP("i;ascii-casemap"),
    /** Unicode titlecase folding followed by NFKD (RFC 5051 §2); the default (RFC 6352 §8.3). */
    UNICODE_CASEMAP("i;unicode-casemap");

    private final String identifier;

    Collation(String identifier) {
        this.identifier = identifier;
    }

    public String identifier() {
        return identifier;
    }

    /** The collation for an identifier; "default" and absence both mean i;unicode-casemap. */
    public static Optional<Collation> forIdentifier(String identifier) {
        if (identifier == null || identifier.equals("default")) {
            return Optional.of(UNICODE_CASEMAP);
        }
        for (Collation collation : values()) {
            if (collation.identifier.equals(identifier)) {
                return Optional.of(collation);
            }
        }
        return Optional.empty();
    }

    /** The comparison key of a string under this collation. */
    public String key(String value) {
        switch (this) {
            case OCTET:
                return value;
            case ASCII_CASEMAP:
                return asciiLower(value);
            default:
                return unicodeCasemap(value);
        }
    }

    private static String asciiLower(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    /** RFC 5051 §2.1: map each character to its titlecase, then decompose with NFKD. */
    private static String unicodeCasemap(String value) {
        StringBuilder titled = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> titled.appendCodePoint(Character.toTitleCase(cp)));
        return Normalizer.normalize(titled, Normalizer.Form.NFKD);
    }

    @Override
    public String toString() {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
