package org.galdav.core.query;

/** The comparison a text-match performs (RFC 6352 §10.5.4, RFC 4790 §4.2). */
public enum MatchType {
    EQUALS("equals"),
    CONTAINS("contains"),
    STARTS_WITH("starts-with"),
    ENDS_WITH("ends-with");

    private final String token;

    MatchType(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** Parses the attribute value; absent means contains. */
    public static MatchType parse(String value) {
        if (value == null) {
            return CONTAINS;
        }
        for (MatchType type : values()) {
            if (type.token.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown match-type: " + value);
    }
}
