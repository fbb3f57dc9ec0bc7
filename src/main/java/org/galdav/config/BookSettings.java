package org.galdav.config;

import java.util.Objects;

/**
 * One configured address book; an empty base DN means the directory's base DN.
 *
 * @param directoryGateway publish as an Apple directory gateway (searched, not listed)
 * @param excludeFilter    entries matching this LDAP filter are not published in this book ("" = none)
 * @param allowedGroups    DNs of groups whose members (nested membership included) may see the book;
 *                         empty = every authenticated user
 * @param bindAsUser       search with the logged-in user's own bind, so the directory's ACLs apply
 */
public record BookSettings(String id, String displayName, String description, String baseDn, String mapping,
                           boolean directoryGateway, String excludeFilter, java.util.List<String> allowedGroups,
                           boolean bindAsUser) {
    public BookSettings {
        allowedGroups = java.util.List.copyOf(allowedGroups);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(mapping, "mapping");
    }
}
