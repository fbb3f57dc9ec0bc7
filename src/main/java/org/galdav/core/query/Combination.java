package org.galdav.core.query;

/** How the children of a filter or prop-filter combine (RFC 6352 §10.5, attribute "test"). */
public enum Combination {
    ANY_OF,
    ALL_OF;

    /** Parses the attribute value; absent means anyof. */
    public static Combination parse(String value) {
        if (value == null || value.equals("anyof")) {
            return ANY_OF;
        }
        if (value.equals("allof")) {
            return ALL_OF;
        }
        throw new IllegalArgumentException("test must be \"anyof\" or \"allof\": " + value);
    }
}
