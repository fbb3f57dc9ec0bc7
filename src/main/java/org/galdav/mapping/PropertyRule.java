package org.galdav.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One line of a mapping: how a vCard property is produced from an entry.
 *
 * @param property   vCard property name, upper case (FN, EMAIL, X-DEPARTMENT, ...)
 * @param values     fallback chain for simple properties: the first template that yields a value wins
 * @param components for structured properties (N, ADR, ORG): component name to template, in vCard order
 * @param types      TYPE parameter values (work, cell, ...)
 * @param kind       how the value is converted
 * @param single     keep only the first value (FN, N, PHOTO, REV ...)
 * @param prefixes   value prefixes to select and strip (AD proxyAddresses "smtp:"); empty = none
 */
public record PropertyRule(String property, List<Template> values, Map<String, Template> components,
                           List<String> types, ValueKind kind, boolean single, Prefixes prefixes) {
    /**
     * @param strip   values must start with this (case-insensitive), which is removed; others are dropped
     * @param primary a value starting with this exactly (case-sensitive) is the primary: first, preferred
     */
    public record Prefixes(String strip, String primary) {
        public static final Prefixes NONE = new Prefixes("", "");
    }

    public PropertyRule(String property, List<Template> values, Map<String, Template> components,
                        List<String> types, ValueKind kind, boolean single) {
        this(property, values, components, types, kind, single, Prefixes.NONE);
    }

    public PropertyRule {
        Objects.requireNonNull(prefixes, "prefixes");
        Objects.requireNonNull(property, "property");
        values = List.copyOf(values);
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        types = List.copyOf(types);
        Objects.requireNonNull(kind, "kind");
        if (values.isEmpty() == components.isEmpty()) {
            throw new IllegalArgumentException("a rule needs either value or components, not both");
        }
    }

    public boolean isStructured() {
        return !components.isEmpty();
    }

    /** Every attribute the rule may read. */
    public Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>();
        values.forEach(t -> names.addAll(t.attributes()));
        components.values().forEach(t -> names.addAll(t.attributes()));
        return names;
    }
}
