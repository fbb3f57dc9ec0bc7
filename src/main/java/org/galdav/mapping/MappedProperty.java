package org.galdav.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One vCard property produced by a mapping rule.
 *
 * @param preferred the primary of several values (PREF=1 in vCard 4.0, TYPE=pref in 3.0)
 */
public record MappedProperty(String name, List<String> types, MappedValue value, boolean preferred) {
    public MappedProperty {
        Objects.requireNonNull(name, "name");
        types = List.copyOf(types);
        Objects.requireNonNull(value, "value");
    }

    public MappedProperty(String name, List<String> types, MappedValue value) {
        this(name, types, value, false);
    }
}
