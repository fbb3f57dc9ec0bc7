package org.galdav.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which vCard properties a client wants back in {@code CARDDAV:address-data} (RFC 6352 §10.4.2).
 * BEGIN, END, VERSION and UID are always kept: without them a card is not a valid vCard nor
 * identifiable.
 *
 * @param all     every property (the default, or {@code CARDDAV:allprop})
 * @param names   properties to include with their values (upper case)
 * @param novalue properties to include with an empty value ({@code novalue="yes"})
 */
public record PropertySelection(boolean all, Set<String> names, Set<String> novalue) {
    public static final PropertySelection ALL = new PropertySelection(true, Set.of(), Set.of());

    public PropertySelection {
        names = upper(Objects.requireNonNull(names, "names"));
        novalue = upper(Objects.requireNonNull(novalue, "novalue"));
    }

    public static PropertySelection of(Set<String> names, Set<String> novalue) {
        return new PropertySelection(false, names, novalue);
    }

    /** Whether a property appears in the output at all. */
    public boolean includes(String propertyName) {
        String upper = propertyName.toUpperCase(Locale.ROOT);
        return all || names.contains(upper) || novalue.contains(upper) || alwaysKept(upper);
    }

    /** Whether a property's value must be emptied. */
    public boolean withoutValue(String propertyName) {
        String upper = propertyName.toUpperCase(Locale.ROOT);
        return !all && novalue.contains(upper) && !names.contains(upper) && !alwaysKept(upper);
    }

    private static boolean alwaysKept(String upper) {
        return upper.equals("UID") || upper.equals("VERSION");
    }

    private static Set<String> upper(Set<String> in) {
        return in.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
