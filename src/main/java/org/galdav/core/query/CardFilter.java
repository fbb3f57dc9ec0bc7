package org.galdav.core.query;

import java.util.List;
import java.util.Objects;

/**
 * A CARDDAV:filter (RFC 6352 §10.5): prop-filters combined by {@code test}. No prop-filters matches
 * every card.
 */
public record CardFilter(Combination test, List<PropFilter> propFilters) {
    public static final CardFilter ALL = new CardFilter(Combination.ANY_OF, List.of());

    public CardFilter {
        Objects.requireNonNull(test, "test");
        propFilters = List.copyOf(propFilters);
    }

    public boolean matchesEverything() {
        return propFilters.isEmpty();
    }

    /**
     * Whether every card matches, whatever the book holds: no prop-filters, or only tests that a property
     * every card has is there (a bare {@code prop-filter} or one whose only child is is-defined) on FN, which
     * RFC 6350 §6.2.1 requires of every vCard, or UID, which galdav gives every card — all of them for allof,
     * one for anyof. Such a query is an enumeration (tsdav lists a book this way), not a search.
     */
    public boolean matchesEveryCard() {
        if (propFilters.isEmpty()) {
            return true;
        }
        return test == Combination.ALL_OF ? propFilters.stream().allMatch(CardFilter::alwaysTrue)
                : propFilters.stream().anyMatch(CardFilter::alwaysTrue);
    }

    private static boolean alwaysTrue(PropFilter filter) {
        return filter.group().isEmpty() && filter.isPresenceTest() && EVERY_CARD_HAS.contains(filter.name());
    }

    private static final java.util.Set<String> EVERY_CARD_HAS = java.util.Set.of("FN", "UID");
}
