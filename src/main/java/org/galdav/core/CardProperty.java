package org.galdav.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One property line of a vCard as filters see it: optional group, upper-case name, parameters with
 * upper-case names, and the value as text (structured values keep their ';' separators, RFC 6352
 * §10.5.4 compares against the textual value).
 */
public record CardProperty(Optional<String> group, String name, Map<String, List<String>> parameters, String value) {
    public CardProperty {
        Objects.requireNonNull(group, "group");
        name = Objects.requireNonNull(name, "name").toUpperCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(value, "value");
    }

    /** Values of a parameter (case-insensitive name), empty when the parameter is absent. */
    public List<String> parameter(String parameterName) {
        List<String> values = parameters.get(parameterName.toUpperCase(Locale.ROOT));
        return values == null ? List.of() : values;
    }
}
