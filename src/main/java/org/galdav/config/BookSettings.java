package org.galdav.config;

import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@code books} list: an address book published at {@code /addressbooks/<id>/}. It stays
 * in {@code config} because it is read by the composition root only, which hands its parts to the
 * mapping, book and directory layers.
 *
 * @param baseDn           subtree to publish; empty = the directory's base DN ({@link #base})
 * @param mapping          mapping file: a path, or a mapping shipped in {@code mappings/}
 * @param directoryGateway publish as an Apple directory gateway (searched, not listed)
 * @param excludeFilter    entries matching this LDAP filter are not published in this book; parsed when
 *                         the configuration is loaded
 * @param allowedGroups    DNs of groups whose members (nested membership included) may see the book;
 *                         empty = every authenticated user
 * @param bindAsUser       search with the logged-in user's own bind, so the directory's ACLs apply
 */
public record BookSettings(String id, String displayName, String description, String baseDn, String mapping,
                           boolean directoryGateway, Optional<Filter> excludeFilter, List<String> allowedGroups,
                           boolean bindAsUser) {
    public BookSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(excludeFilter, "excludeFilter");
        allowedGroups = List.copyOf(allowedGroups);
    }

    /** The subtree this book publishes, in a directory whose base DN is {@code directoryBaseDn}. */
    public String base(String directoryBaseDn) {
        return baseDn.isEmpty() ? directoryBaseDn : baseDn;
    }
}
