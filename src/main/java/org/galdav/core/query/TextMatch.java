package org.galdav.core.query;

import java.util.Objects;

/**
 * A CARDDAV:text-match element (RFC 6352 §10.5.4).
 *
 * @param text      the string to look for, as the client sent it
 * @param negate    negate-condition="yes"
 */
public record TextMatch(String text, Collation collation, MatchType matchType, boolean negate) {
    public TextMatch {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(collation, "collation");
        Objects.requireNonNull(matchType, "matchType");
    }

    /** Whether a value satisfies this text-match, negation included. */
    public boolean matches(String value) {
        String haystack = collation.key(value);
        String needle = collation.key(text);
        boolean hit;
        switch (matchType) {
            case EQUALS: hit = haystack.equals(needle); break;
            case STARTS_WITH: hit = haystack.startsWith(needle); break;
            case ENDS_WITH: hit = haystack.endsWith(needle); break;
            default: hit = haystack.contains(needle); break;
        }
        return hit != negate;
    }
}
