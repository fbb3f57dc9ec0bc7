package org.galdav.core;

import java.util.List;

/**
 * One address object resource (RFC 6352 §5.1): a single vCard, renderable in every {@link CardFormat}.
 * Implementations are immutable and safe to share between threads and requests.
 */
public interface Card {

    /** Listing data: name, strong ETag, length and modification time. */
    CardSummary summary();

    /** The vCard UID, stable for the life of the directory entry. */
    String uid();

    /** Formatted name, used as the resource's display name. */
    String formattedName();

    /**
     * The card's properties as text, independent of the vCard library, so that filters
     * (RFC 6352 §10.5) can be evaluated without knowing how the card was built.
     */
    List<CardProperty> properties();

    /**
     * The card's bytes (UTF-8, CRLF line ends, folded).
     *
     * @param selection which properties to include (RFC 6352 §10.4)
     */
    byte[] render(CardFormat format, PropertySelection selection);

    /** Length in octets of the default representation (vCard 3.0, all properties): getcontentlength. */
    default long contentLength() {
        return render(CardFormat.VCARD_3, PropertySelection.ALL).length;
    }

    /** Approximate memory the card holds, so caches can be bounded by bytes. */
    default long weight() {
        return contentLength() * 2 + 512;
    }

    default String name() {
        return summary().name();
    }
}
