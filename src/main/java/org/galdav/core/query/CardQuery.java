package org.galdav.core.query;

import java.util.Objects;

/**
 * An addressbook-query as the card source sees it.
 *
 * @param filter the RFC 6352 §10.5 filter
 * @param limit  at most this many cards (the smaller of the client's nresults and the server cap)
 */
public record CardQuery(CardFilter filter, int limit) {
    public CardQuery {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }
}
