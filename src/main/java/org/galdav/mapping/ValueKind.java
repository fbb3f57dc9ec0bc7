package org.galdav.mapping;

import java.util.Locale;

/** How attribute values become a vCard value. */
public enum ValueKind {
    /** Text as stored. */
    TEXT,
    /** Bytes (photos); the media type is detected from the content. */
    BINARY,
    /** LDAP GeneralizedTime (RFC 4517 §3.3.13), rendered as a vCard timestamp. */
    TIMESTAMP,
    /** RFC 2079 labeledURI: the URI before the first space; the label is dropped. */
    LABELED_URI;

    static ValueKind parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether the vCard text equals the attribute value, so text searches can be pushed to LDAP. */
    public boolean isVerbatimText() {
        return this == TEXT;
    }
}
