package org.galdav.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.galdav.core.CardSummary;

/**
 * What differs between a state a client holds and the current content, over the names that may differ,
 * in name order: changed cards (new or with another ETag) and removed names. When more differ than the
 * client's limit (RFC 6578 §3.6), some are returned with the state the client reaches with them, so it
 * can continue from there. Pure: no I/O.
 *
 * @param changed the current summaries of cards added or changed
 * @param removed names of cards removed
 * @param reached the state (name → ETag) the client reaches with a truncated answer; empty when complete
 */
record ListingDiff(List<CardSummary> changed, List<String> removed, Optional<Map<String, String>> reached) {
    ListingDiff {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        reached = reached.map(state -> Collections.unmodifiableSortedMap(new TreeMap<>(state)));
    }

    /**
     * @param before ETag per name in the client's state; a name absent (or mapped to null) did not exist
     * @param now    the current content by name
     * @param names  the names that may differ (all of both states, or those touched since)
     */
    static ListingDiff between(Map<String, String> before, Map<String, CardSummary> now, Collection<String> names,
                               int limit) {
        List<CardSummary> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            CardSummary card = now.get(name);
            String was = before.get(name);
            if (card == null) {
                if (was != null) {
                    removed.add(name);
                }
            } else if (!card.etag().equals(was)) {
                changed.add(card);
            }
        }
        if (changed.size() + removed.size() <= limit) {
            return new ListingDiff(changed, removed, Optional.empty());
        }
        List<String> someRemoved = removed.subList(0, Math.min(limit, removed.size()));
        List<CardSummary> someChanged = changed.subList(0, limit - someRemoved.size());
        Set<String> given = new HashSet<>(someRemoved);
        someChanged.forEach(c -> given.add(c.name()));
        // The current content, with every difference not given back as it was before.
        Map<String, String> reached = new TreeMap<>();
        now.forEach((name, card) -> reached.put(name, card.etag()));
        for (String name : names) {
            if (!given.contains(name)) {
                String was = before.get(name);
                if (was == null) {
                    reached.remove(name);
                } else {
                    reached.put(name, was);
                }
            }
        }
        return new ListingDiff(someChanged, someRemoved, Optional.of(reached));
    }
}
