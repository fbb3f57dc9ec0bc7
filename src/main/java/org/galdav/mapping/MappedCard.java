package org.galdav.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory entry turned into vCard content, independent of the vCard version.
 *
 * @param id         value of the mapping's id attribute; names the resource
 * @param uid        vCard UID
 * @param group      true for group cards (KIND:group)
 * @param memberUids UIDs of the group's members inside the same book
 * @param modified   last modification of the entry, if the directory keeps it
 */
public record MappedCard(String id, String uid, boolean group, List<MappedProperty> properties,
                         List<String> memberUids, Optional<Instant> modified) {
    public MappedCard {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uid, "uid");
        properties = List.copyOf(properties);
        memberUids = List.copyOf(memberUids);
        Objects.requireNonNull(modified, "modified");
    }

    /** The first text value of a property, e.g. FN. */
    public Optional<String> first(String property) {
        return properties.stream().filter(p -> p.name().equals(property)).map(p -> p.value().text()).findFirst();
    }
}
