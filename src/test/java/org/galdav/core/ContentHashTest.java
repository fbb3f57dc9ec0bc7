package org.galdav.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sorted listing hashes exactly as the map of the same names and ETags, so tokens and ctags do not change. */
class ContentHashTest {
    @Test
    void aSortedListingHashesAsItsMap() {
        Map<String, String> etags = new HashMap<>();
        List<CardSummary> listing = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String name = String.format("%05d-%s.vcf", i, Integer.toHexString(i * 7919));
            String etag = "\"" + Integer.toHexString(i * 31 + 7) + "\"";
            etags.put(name, etag);
            listing.add(new CardSummary(name, etag, Optional.empty()));
        }
        assertThat(ContentHash.ofListing(listing)).isEqualTo(ContentHash.of(etags));
        assertThat(ContentHash.ofListing(List.of())).isEqualTo(ContentHash.of(Map.of()));
    }

    @Test
    void aListingOutOfOrderIsRefused() {
        List<CardSummary> listing = List.of(new CardSummary("b.vcf", "\"1\"", Optional.empty()),
                new CardSummary("a.vcf", "\"2\"", Optional.empty()));
        assertThatThrownBy(() -> ContentHash.ofListing(listing)).isInstanceOf(IllegalArgumentException.class);
    }
}
