package org.galdav.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Static facts about one address book collection.
 *
 * @param id          URL path segment of the book, e.g. "directory"
 * @param displayName {@code DAV:displayname}
 * @param description {@code CARDDAV:addressbook-description}
 * @param maxResourceSize {@code CARDDAV:max-resource-size}: the largest card in octets (RFC 6352 §6.2.3)
 * @param directoryGateway published as a directory gateway (draft-daboo-carddav-directory-gateway):
 *                    searched by clients, never listed or synced
 */
public record BookInfo(String id, String displayName, String description, long maxResourceSize,
                       boolean directoryGateway) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public BookInfo(String id, String displayName, String description, long maxResourceSize) {
        this(id, displayName, description, maxResourceSize, false);
    }

    public BookInfo {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        if (id == null || !SEGMENT.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "address book id must be 1-64 characters of letters, digits, '.', '_' or '-': " + id);
        }
        if (maxResourceSize <= 0) {
            throw new IllegalArgumentException("maxResourceSize must be positive");
        }
    }
}
