package org.galdav.core.query;

import java.util.List;
import java.util.function.Predicate;
import org.galdav.core.CardProperty;

/**
 * The reference meaning of an addressbook-query filter (RFC 6352 §10.5), evaluated on a card's
 * properties. Whatever narrows a search elsewhere (an LDAP filter) must never reject a card this
 * accepts; results are re-checked here so answers are exact.
 */
public final class CardMatcher {
    private CardMatcher() {
    }

    public static boolean matches(CardFilter filter, List<CardProperty> properties) {
        if (filter.matchesEverything()) {
            return true;
        }
        return combine(filter.test(), filter.propFilters(), pf -> matches(pf, properties));
    }

    /**
     * A prop-filter matches when some instance of the property satisfies its children combined by
     * its test; is-not-defined matches when no instance exists.
     */
    static boolean matches(PropFilter filter, List<CardProperty> properties) {
        List<CardProperty> instances = properties.stream().filter(p -> sameProperty(filter, p)).toList();
        if (filter.isNotDefined()) {
            return instances.isEmpty();
        }
        if (filter.isPresenceTest()) {
            return !instances.isEmpty();
        }
        return instances.stream().anyMatch(instance -> instanceMatches(filter, instance));
    }

    private static boolean instanceMatches(PropFilter filter, CardProperty instance) {
        boolean all = filter.test() == Combination.ALL_OF;
        for (TextMatch textMatch : filter.textMatches()) {
            boolean hit = textMatch.matches(instance.value());
            if (hit != all) {
                return hit;
            }
        }
        for (ParamFilter paramFilter : filter.paramFilters()) {
            boolean hit = matches(paramFilter, instance);
            if (hit != all) {
                return hit;
            }
        }
        return all;
    }

    /**
     * A param-filter on one property instance: a missing parameter fails a text-match even when the
     * text-match is negated (there is no value to compare).
     */
    static boolean matches(ParamFilter filter, CardProperty instance) {
        List<String> values = instance.parameter(filter.name());
        if (filter.isNotDefined()) {
            return values.isEmpty();
        }
        if (filter.textMatch().isEmpty()) {
            return !values.isEmpty();
        }
        TextMatch textMatch = filter.textMatch().get();
        return values.stream().anyMatch(textMatch::matches);
    }

    private static boolean sameProperty(PropFilter filter, CardProperty property) {
        if (!filter.name().equals(property.name())) {
            return false;
        }
        return filter.group().isEmpty()
                || property.group().map(g -> g.equalsIgnoreCase(filter.group().get())).orElse(false);
    }

    private static <T> boolean combine(Combination test, List<T> children, Predicate<T> predicate) {
        return test == Combination.ALL_OF ? children.stream().allMatch(predicate) : children.stream().anyMatch(predicate);
    }
}
