package org.galdav.book;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.galdav.core.CardSummary;
import org.galdav.directory.DistinguishedNames;

/**
 * What a change tracker knows of a book: each card's summary, its entry's DN and the DNs its content was
 * resolved from, with the reverse lookups that applying a change feed needs (the card at a DN, the cards
 * naming a DN, the cards below an OU). Pure data and rules: no directory, no clock. Not thread-safe; the
 * tracker guards it.
 */
final class CardIndex {
    /** Below this many changed entries a poll reads them one by one, whatever the book's size. */
    static final int RELIST_AT_LEAST = 2_000;

    /** One card as the index keeps it. */
    record Held(CardSummary summary, String dn, Set<String> dependsOn) {
    }

    /** The book's normalized base DN. */
    private final String base;
    private final Map<String, Held> cards = new HashMap<>();
    private final Map<String, String> nameByDn = new HashMap<>();
    /**
     * For each DN, the cards whose content was resolved from it (groups listing it, reports of a manager):
     * one name as a String (most DNs have one referrer, and a set for each of 100,000 people would cost
     * 20 MB), several as a HashSet.
     */
    private final Map<String, Object> referrers = new HashMap<>();
    /** How many cards lie below each DN between the base and the cards (OUs): for renamed or moved OUs. */
    private final Map<String, Integer> ancestors = new HashMap<>();

    CardIndex(String normalizedBase) {
        this.base = normalizedBase;
    }

    int size() {
        return cards.size();
    }

    Optional<Held> card(String name) {
        return Optional.ofNullable(cards.get(name));
    }

    /** The name of the card whose entry is at this (normalized) DN. */
    Optional<String> nameAt(String dn) {
        return Optional.ofNullable(nameByDn.get(dn));
    }

    /** Cards whose content was resolved from this DN: they may render differently when it changes. */
    Set<String> referrersOf(String dn) {
        Object names = referrers.get(dn);
        if (names == null) {
            return Set.of();
        }
        return names instanceof String name ? Set.of(name) : Set.copyOf(namesIn(names));
    }

    /**
     * The DNs of the cards below {@code dn} when it lies between the base and some cards (an OU); empty
     * otherwise, also for a card's own DN.
     */
    List<String> cardDnsBelow(String dn) {
        if (!ancestors.containsKey(dn)) {
            return List.of();
        }
        String suffix = "," + dn;
        List<String> below = new ArrayList<>();
        for (String cardDn : nameByDn.keySet()) {
            if (cardDn.endsWith(suffix)) {
                below.add(cardDn);
            }
        }
        return below;
    }

    /** The DNs that can matter to the book: its cards' DNs, and DNs strictly below its base. */
    Set<String> relevant(Set<String> dns) {
        Set<String> kept = new HashSet<>();
        for (String dn : dns) {
            if (nameByDn.containsKey(dn) || dn.endsWith("," + base)) {
                kept.add(dn);
            }
        }
        return kept;
    }

    /**
     * Whether so many entries changed that one paged listing is cheaper than reading them one by one (a
     * bulk import, a reload): more than a quarter of the book, and at least {@link #RELIST_AT_LEAST}.
     */
    boolean cheaperToRelist(int changedEntries) {
        return changedEntries > Math.max(RELIST_AT_LEAST, cards.size() / 4);
    }

    /**
     * Holds a card, replacing the one of the same name (which may have been at another DN).
     *
     * @return whether the card is new or its ETag changed
     */
    boolean put(TrackedCard tracked) {
        String name = tracked.card().name();
        Held before = removeHeld(name);
        Held now = new Held(tracked.card().summary(), tracked.dn(), tracked.dependsOn());
        cards.put(name, now);
        nameByDn.put(now.dn(), name);
        for (String dn : now.dependsOn()) {
            referrers.merge(dn, name, CardIndex::withReferrer);
        }
        for (String ancestor : ancestorsOf(now.dn())) {
            ancestors.merge(ancestor, 1, Integer::sum);
        }
        return before == null || !before.summary().etag().equals(now.summary().etag());
    }

    /** Drops a card; returns what was held. */
    Optional<Held> remove(String name) {
        return Optional.ofNullable(removeHeld(name));
    }

    /** Names of cards added, changed or removed since an earlier index of the same book. */
    Set<String> differingFrom(CardIndex earlier) {
        Set<String> differing = new HashSet<>();
        earlier.cards.forEach((name, held) -> {
            Held now = cards.get(name);
            if (now == null || !now.summary().etag().equals(held.summary().etag())) {
                differing.add(name);
            }
        });
        for (String name : cards.keySet()) {
            if (!earlier.cards.containsKey(name)) {
                differing.add(name); // new: cached query answers may lack it
            }
        }
        return differing;
    }

    /** Every card's summary, in name order. */
    List<CardSummary> summaries() {
        List<CardSummary> sorted = new ArrayList<>(cards.size());
        cards.values().forEach(held -> sorted.add(held.summary()));
        sorted.sort(Comparator.comparing(CardSummary::name));
        return List.copyOf(sorted);
    }

    /** Name → ETag of every card, in name order. */
    SortedMap<String, String> etags() {
        SortedMap<String, String> etags = new TreeMap<>();
        cards.forEach((name, held) -> etags.put(name, held.summary().etag()));
        return etags;
    }

    private Held removeHeld(String name) {
        Held before = cards.remove(name);
        if (before == null) {
            return null;
        }
        for (String ancestor : ancestorsOf(before.dn())) {
            ancestors.computeIfPresent(ancestor, (a, count) -> count == 1 ? null : count - 1);
        }
        nameByDn.remove(before.dn(), name);
        for (String dn : before.dependsOn()) {
            referrers.computeIfPresent(dn, (d, names) -> withoutReferrer(names, name));
        }
        return before;
    }

    private static Object withReferrer(Object names, Object added) {
        String name = (String) added;
        if (names instanceof String one) {
            if (one.equals(name)) {
                return one;
            }
            Set<String> several = new HashSet<>(4);
            several.add(one);
            several.add(name);
            return several;
        }
        namesIn(names).add(name);
        return names;
    }

    /** The referrers left once {@code name} is gone; null when none (the entry is then removed). */
    private static Object withoutReferrer(Object names, String name) {
        if (names instanceof String one) {
            return one.equals(name) ? null : one;
        }
        Set<String> several = namesIn(names);
        several.remove(name);
        return several.size() == 1 ? several.iterator().next() : several.isEmpty() ? null : several;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> namesIn(Object names) {
        return (Set<String>) names;
    }

    /** The DNs above a card's DN, up to (not including) the book's base. */
    private List<String> ancestorsOf(String dn) {
        List<String> above = new ArrayList<>();
        if (DistinguishedNames.plain(dn)) {
            // Nothing escaped: each comma ends an RDN, and a normalized DN's parents are its suffixes.
            for (int comma = dn.indexOf(','); comma >= 0; comma = dn.indexOf(',', comma + 1)) {
                String parent = dn.substring(comma + 1);
                if (parent.equals(base) || !parent.endsWith("," + base)) {
                    break;
                }
                above.add(parent);
            }
            return above;
        }
        try {
            for (DN parent = new DN(dn).getParent(); parent != null; parent = parent.getParent()) {
                String normalized = parent.toNormalizedString();
                if (normalized.equals(base) || !normalized.endsWith("," + base)) {
                    break;
                }
                above.add(normalized);
            }
        } catch (LDAPException e) {
            // An unparsable DN has no ancestors worth knowing.
        }
        return above;
    }
}
