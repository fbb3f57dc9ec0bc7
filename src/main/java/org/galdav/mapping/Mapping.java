package org.galdav.mapping;

import com.unboundid.ldap.sdk.Filter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A complete entry-to-vCard mapping, loaded from a file in {@code mappings/}.
 *
 * @param name             file name, for messages
 * @param idAttribute      unique, immutable attribute that names the card (entryUUID by default)
 * @param idFormat         how its value is read (text, or AD's binary GUID)
 * @param entryFilter      which entries are published (the exclude-filter already folded in)
 * @param groupFilter      which of them are groups (rendered as group cards)
 * @param memberAttributes attributes holding member DNs of groups
 * @param modifiedAttribute attribute holding the last modification time (getlastmodified)
 * @param rules            property rules, in output order
 * @param photoMaxSize     photos larger than this many pixels wide or high are scaled down
 * @param fingerprint      hash of the mapping's content, part of every ETag so a mapping change
 *                         changes ETags even where card bytes would not reveal it
 */
public record Mapping(String name, String idAttribute, IdFormat idFormat, Filter entryFilter, Filter groupFilter,
                      List<String> memberAttributes, String modifiedAttribute, List<PropertyRule> rules,
                      int photoMaxSize, String fingerprint) {
    public Mapping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idAttribute, "idAttribute");
        Objects.requireNonNull(idFormat, "idFormat");
        Objects.requireNonNull(entryFilter, "entryFilter");
        Objects.requireNonNull(groupFilter, "groupFilter");
        memberAttributes = List.copyOf(memberAttributes);
        Objects.requireNonNull(modifiedAttribute, "modifiedAttribute");
        rules = List.copyOf(rules);
        if (photoMaxSize < 16) {
            throw new IllegalArgumentException("photo-max-size must be at least 16 pixels");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The attributes to request from LDAP: never "*", so searches transfer only what is used. */
    public String[] requestedAttributes() {
        Set<String> names = new LinkedHashSet<>();
        names.add("objectClass");
        names.add(idAttribute);
        names.add(modifiedAttribute);
        names.addAll(memberAttributes);
        rules.forEach(r -> names.addAll(r.attributes()));
        return names.toArray(String[]::new);
    }

    /** Whether cards name other entries (group members, manager → RELATED), which must then be resolved. */
    public boolean resolvesOtherEntries() {
        return !memberAttributes.isEmpty() || rules.stream().anyMatch(r -> r.kind() == ValueKind.REFERENCE);
    }

    /**
     * Attributes the card shows that the directory computes from other entries (group membership seen
     * from the member). A change to the group does not count as a change to the member in every
     * directory's change tracking, so books showing them are kept current by comparing listings.
     */
    public List<String> backLinkAttributes() {
        return Arrays.stream(requestedAttributes())
                .filter(a -> BACK_LINKS.contains(a.toLowerCase(Locale.ROOT))).toList();
    }

    private static final Set<String> BACK_LINKS = Set.of("memberof", "ismemberof");

    /** The same mapping, also leaving out entries that match {@code exclude} (a book's own exclusions). */
    public Mapping excluding(Filter exclude) {
        return new Mapping(name, idAttribute, idFormat, Filter.createANDFilter(entryFilter, Filter.createNOTFilter(exclude)),
                groupFilter, memberAttributes, modifiedAttribute, rules, photoMaxSize, fingerprint);
    }

    /** The rules that produce a property, in output order. */
    List<PropertyRule> rulesFor(String property) {
        return rules.stream().filter(r -> r.property().equals(property)).toList();
    }
}
