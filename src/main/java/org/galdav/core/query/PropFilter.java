package org.galdav.core.query;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A CARDDAV:prop-filter (RFC 6352 §10.5.1).
 *
 * @param group        the vCard group when the name was written "group.NAME"; empty matches any group
 * @param name         property name, upper case
 * @param isNotDefined true for a CARDDAV:is-not-defined child
 * @param test         how text-matches and param-filters combine
 */
public record PropFilter(Optional<String> group, String name, boolean isNotDefined, Combination test,
                         List<TextMatch> textMatches, List<ParamFilter> paramFilters) {
    public PropFilter {
        Objects.requireNonNull(group, "group");
        name = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(test, "test");
        textMatches = List.copyOf(textMatches);
        paramFilters = List.copyOf(paramFilters);
        if (isNotDefined && !(textMatches.isEmpty() && paramFilters.isEmpty())) {
            throw new IllegalArgumentException("prop-filter with is-not-defined cannot have other children");
        }
    }

    /** Parses "NAME" or "group.NAME". */
    public static PropFilter of(String qualifiedName, boolean isNotDefined, Combination test,
                                List<TextMatch> textMatches, List<ParamFilter> paramFilters) {
        int dot = qualifiedName.indexOf('.');
        Optional<String> group = dot > 0 ? Optional.of(qualifiedName.substring(0, dot)) : Optional.empty();
        String name = dot > 0 ? qualifiedName.substring(dot + 1) : qualifiedName;
        return new PropFilter(group, name, isNotDefined, test, textMatches, paramFilters);
    }

    /** True when the filter only asks whether the property exists. */
    public boolean isPresenceTest() {
        return !isNotDefined && textMatches.isEmpty() && paramFilters.isEmpty();
    }
}
