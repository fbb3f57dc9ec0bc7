package org.galdav.dav;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * The live properties of one resource, in a fixed order. Each property says whether it belongs in an
 * allprop answer: RFC 4918 §9.1 limits allprop to the RFC 4918 properties, and CardDAV, ACL and ctag
 * properties are expensive or protected, so they are returned only when named.
 */
public final class PropertySet {
    private record Entry(PropValue value, boolean inAllprop) {
    }

    private final Map<QName, Entry> entries = new LinkedHashMap<>();

    /** Adds a property returned by allprop. */
    public PropertySet basic(QName name, PropValue value) {
        entries.put(name, new Entry(value, true));
        return this;
    }

    /** Adds a property returned only when asked for by name (or by allprop's include). */
    public PropertySet named(QName name, PropValue value) {
        entries.put(name, new Entry(value, false));
        return this;
    }

    public Optional<PropValue> get(QName name) {
        Entry entry = entries.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    public List<QName> names() {
        return List.copyOf(entries.keySet());
    }

    public List<QName> allpropNames() {
        List<QName> names = new ArrayList<>();
        entries.forEach((name, entry) -> {
            if (entry.inAllprop()) {
                names.add(name);
            }
        });
        return names;
    }
}
