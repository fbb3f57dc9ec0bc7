package org.galdav.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The representations a card can be served in. vCard 3.0 (RFC 2426) is the default that every client
 * understands; vCard 4.0 (RFC 6350) is offered to clients that ask for it (RFC 6352 §5.1.1, §10.3).
 */
public enum CardFormat {
    VCARD_3("3.0"),
    VCARD_4("4.0");

    /** Media type of every representation; the version travels as a parameter. */
    public static final String MEDIA_TYPE = "text/vcard";

    private final String version;

    CardFormat(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    /** Value for a Content-Type header or {@code DAV:getcontenttype}. */
    public String contentType() {
        return MEDIA_TYPE + "; charset=utf-8";
    }

    /** The format for a version string, accepting "3.0"/"3" and "4.0"/"4". */
    public static Optional<CardFormat> forVersion(String version) {
        if (version == null) {
            return Optional.empty();
        }
        switch (version.trim().toLowerCase(Locale.ROOT)) {
            case "3.0": case "3": return Optional.of(VCARD_3);
            case "4.0": case "4": return Optional.of(VCARD_4);
            default: return Optional.empty();
        }
    }
}
