package org.galdav.http;

import java.time.Duration;
import java.util.Objects;
import org.galdav.dav.FilterLimits;

/**
 * How much work one request may ask for, so that no single request can hold a core, the memory or the
 * shutdown hostage. Each limit answers with its own refusal (docs/protocol.md, "Limits").
 *
 * @param requestTimeout   the deadline of each request's work; then 503 with Retry-After, or a dropped
 *                         connection once the answer has started
 * @param shutdownGrace    on stop, how long requests in flight may still finish before their work is ended
 * @param maxHeaderBytes   the request line and headers together; larger heads are refused by Undertow
 * @param maxHeaders       header fields per request; more are refused by Undertow with 400
 * @param maxMultigetHrefs hrefs in one addressbook-multiget; more is 413
 * @param maxTextLength    characters in one text-match (also in a param-filter) or principal search text
 * @param maxPropFilters   prop-filters in one addressbook-query
 * @param maxTextMatches   text-matches in one addressbook-query, those inside param-filters included
 */
public record RequestLimits(Duration requestTimeout, Duration shutdownGrace, int maxHeaderBytes, int maxHeaders,
                            int maxMultigetHrefs, int maxTextLength, int maxPropFilters, int maxTextMatches) {
    public RequestLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (requestTimeout.isNegative() || requestTimeout.isZero() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("the request timeout must be positive, the shutdown grace not negative");
        }
        if (maxHeaderBytes < 1024 || maxHeaders < 8) {
            throw new IllegalArgumentException("headers need at least 1024 bytes and 8 fields");
        }
        if (maxMultigetHrefs < 1 || maxTextLength < 1 || maxPropFilters < 1 || maxTextMatches < 1) {
            throw new IllegalArgumentException("multiget and filter limits must be positive");
        }
    }

    /** The limits the filter parser enforces. */
    FilterLimits filter() {
        return new FilterLimits(maxTextLength, maxPropFilters, maxTextMatches);
    }
}
