package org.galdav.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.galdav.core.CardSummary;

/**
 * A listing as it streams by: every ETag for the ctag, the summaries only while the book is small enough
 * to keep. Not thread-safe: one listing's.
 */
final class ListingCollector {
    private final int maxCards;
    private final Map<String, String> etags = new HashMap<>();
    private final List<CardSummary> summaries = new ArrayList<>();
    private boolean tooLarge;

    ListingCollector(int maxCards) {
        this.maxCards = maxCards;
    }

    void add(CardSummary card) {
        etags.put(card.name(), card.etag());
        if (!tooLarge) {
            summaries.add(card);
            if (summaries.size() > maxCards) {
                tooLarge = true;
                summaries.clear();
            }
        }
    }

    Map<String, String> etags() {
        return etags;
    }

    /** The summaries, or null when the book was too large to keep them. */
    List<CardSummary> kept() {
        return tooLarge ? null : List.copyOf(summaries);
    }
}
