package org.galdav.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a collection listing needs to know about a card without its content: enough for
 * {@code getetag} and {@code getlastmodified} (RFC 4918 §15). Its length ({@code getcontentlength}) is the
 * card's ({@link Card#contentLength}): knowing it means rendering the card, which a listing does not.
 *
 * @param name          the last path segment of the card's URL, URL-safe, ending in ".vcf"
 * @param etag          strong entity tag, quoted; changes iff the served bytes change
 * @param lastModified  when the directory entry last changed, if known
 */
public record CardSummary(String name, String etag, Optional<Instant> lastModified) {
    public CardSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        if (!etag.startsWith("\"") || !etag.endsWith("\"") || etag.length() < 3) {
            throw new IllegalArgumentException("etag must be a quoted strong entity tag: " + etag);
        }
    }
}
