package org.galdav.mapping;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * How the id attribute's value becomes a card id (URL name and UID) and back into a search.
 * Active Directory's objectGUID is 16 binary bytes whose first three fields are little-endian
 * (MS-DTYP §2.3.4.2); as text it is shown in the canonical 8-4-4-4-12 form.
 */
public enum IdFormat {
    /** The value as stored (entryUUID, ipaUniqueID, nsUniqueId). */
    TEXT,
    /** A binary Microsoft GUID (objectGUID). */
    GUID;

    static IdFormat parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** The id of an entry, or empty when the attribute is missing or malformed. */
    public Optional<String> idOf(Entry entry, String attribute) {
        Attribute value = entry.getAttribute(attribute);
        if (value == null || !value.hasValue()) {
            return Optional.empty();
        }
        if (this == TEXT) {
            String text = value.getValue().trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        byte[] bytes = value.getValueByteArray();
        if (bytes.length != 16) {
            return Optional.empty();
        }
        ByteBuffer little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long high = ((long) little.getInt(0) << 32) | ((little.getShort(4) & 0xffffL) << 16) | (little.getShort(6) & 0xffffL);
        long low = ByteBuffer.wrap(bytes, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return Optional.of(new UUID(high, low).toString());
    }

    /** An equality filter finding the entry with this id; empty when the id cannot be one of ours. */
    public Optional<Filter> equality(String attribute, String id) {
        if (this == TEXT) {
            return Optional.of(Filter.createEqualityFilter(attribute, id));
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.allocate(16);
        long high = uuid.getMostSignificantBits();
        bytes.order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) (high >>> 32));
        bytes.putShort(4, (short) (high >>> 16));
        bytes.putShort(6, (short) high);
        bytes.order(ByteOrder.BIG_ENDIAN).putLong(8, uuid.getLeastSignificantBits());
        return Optional.of(Filter.createEqualityFilter(attribute, bytes.array()));
    }
}
