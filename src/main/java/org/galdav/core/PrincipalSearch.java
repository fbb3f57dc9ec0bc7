package org.galdav.core;

import java.util.Objects;
import org.galdav.core.query.MatchType;

/**
 * One condition of a principal-property-search (RFC 3744 §9.4): a searchable property and the text to
 * find in it, compared case-insensitively.
 */
public record PrincipalSearch(Field field, String text, MatchType matchType) {
    /** The properties principals can be searched by. */
    public enum Field { DISPLAY_NAME, EMAIL }

    public PrincipalSearch {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(matchType, "matchType");
    }
}
