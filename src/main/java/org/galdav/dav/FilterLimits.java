package org.galdav.dav;

/**
 * The largest {@code CARDDAV:filter} (RFC 6352 §10.5) this server evaluates: every text-match is translated
 * into LDAP search terms and checked against every candidate card, so its size and count bound a query's
 * work. A larger filter is refused with 403 {@code CARDDAV:supported-filter} (RFC 6352 §8.6), the
 * precondition for filters the server does not support.
 *
 * @param maxTextLength  characters (code points) in one text-match
 * @param maxPropFilters prop-filters in one filter
 * @param maxTextMatches text-matches in one filter, those inside param-filters included
 */
public record FilterLimits(int maxTextLength, int maxPropFilters, int maxTextMatches) {
    public FilterLimits {
        if (maxTextLength < 1 || maxPropFilters < 1 || maxTextMatches < 1) {
            throw new IllegalArgumentException("filter limits must be positive");
        }
    }
}
