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
    LABELED_URI,
    /** A calendar date (BDAY): YYYYMMDD, YYYY-MM-DD or the date part of a GeneralizedTime. */
    DATE,
    /** A DN shown by the value of its first RDN (memberOf → group name, for CATEGORIES). */
    DN_VALUE,
    /** A DN of another published entry, given as that card's urn:uuid (manager → RELATED). */
    REFERENCE;

    static ValueKind parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether the vCard text equals the attribute value, so text searches can be pushed to LDAP. */
    public boolean isVerbatimText() {
        return this == TEXT;
    }
}
