package org.galdav.mapping;

import java.util.List;
import java.util.Objects;

/** One vCard property produced by a mapping rule. */
public record MappedProperty(String name, List<String> types, MappedValue value) {
    public MappedProperty {
        Objects.requireNonNull(name, "name");
        types = List.copyOf(types);
        Objects.requireNonNull(value, "value");
    }
}
