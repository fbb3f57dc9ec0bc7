package org.galdav.core.query;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A CARDDAV:param-filter (RFC 6352 §10.5.2): tests one parameter of a property instance.
 *
 * @param name         parameter name, upper case
 * @param isNotDefined true for a CARDDAV:is-not-defined child
 * @param textMatch    the text-match child, if any; with neither child the parameter must exist
 */
public record ParamFilter(String name, boolean isNotDefined, Optional<TextMatch> textMatch) {
    public ParamFilter {
        name = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(textMatch, "textMatch");
        if (isNotDefined && textMatch.isPresent()) {
            throw new IllegalArgumentException("param-filter cannot have both is-not-defined and text-match");
        }
    }
}
