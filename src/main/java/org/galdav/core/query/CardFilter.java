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
}
