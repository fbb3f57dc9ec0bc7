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

    /**
     * Estimated heap bytes the card holds (object headers, references, strings at one byte per Latin-1 char,
     * two otherwise), so caches bounded by bytes are bounded in fact; property names and types are shared
     * with the mapping and not counted.
     */
    public long weight() {
        long sum = 96 + text(id) + 16 + 8L * properties.size() + 16 + 40L * memberUids.size();
        for (MappedProperty property : properties) {
            sum += 40 + valueWeight(property.value());
        }
        for (String member : memberUids) {
            sum += text(member);
        }
        return sum;
    }

    private static long valueWeight(MappedValue value) {
        if (value instanceof MappedValue.Binary binary) {
            return 32 + binary.data().length;
        }
        if (value instanceof MappedValue.Structured structured) {
            long sum = 32;
            for (List<String> component : structured.components()) {
                sum += 24;
                for (String part : component) {
                    sum += 8 + text(part);
                }
            }
            return sum;
        }
        return 16 + text(value.text());
    }

    /** A String: header and fields, array header, and its characters. */
    private static long text(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 255) {
                return 40 + 2L * s.length();
            }
        }
        return 40 + (long) s.length();
    }

    /** The first text value of a property, e.g. FN. */
    public Optional<String> first(String property) {
        return properties.stream().filter(p -> p.name().equals(property)).map(p -> p.value().text()).findFirst();
    }
}
