package org.galdav.vcard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.galdav.core.Sha256;
import org.galdav.mapping.MappedCard;
import org.galdav.mapping.MappedProperty;
import org.galdav.mapping.MappedValue;

/**
 * The strong ETag of a card (RFC 6352 §6.3.2.3), from what it is made of rather than from its renderings:
 * the mapping's fingerprint, the renderer's {@link VCardRenderer#VERSION}, and every field of the mapped
 * card that a rendering shows, in a fixed, unambiguous order. Both vCard versions are functions of exactly
 * these, so the ETag changes whenever the bytes a client could receive change, without rendering either
 * (a listing of 100,000 cards renders none in version 4.0). The entry's modification time is not part of
 * it: it is metadata (getlastmodified), unless a mapping shows it as REV.
 */
final class CardDigest {
    private static final byte SEPARATOR = 0;
    private static final byte END = 1;

    private final MessageDigest sha = Sha256.digest();

    private CardDigest() {
    }

    /** The quoted ETag: 18 bytes of SHA-256, base64url without padding. */
    static String etag(String fingerprint, MappedCard card) {
        CardDigest digest = new CardDigest();
        digest.text(fingerprint).text(VCardRenderer.VERSION).text(card.id()).text(card.uid());
        digest.sha.update(card.group() ? (byte) 'g' : (byte) 'p');
        for (MappedProperty property : card.properties()) {
            digest.text(property.name()).texts(property.types());
            digest.sha.update(property.preferred() ? (byte) 1 : (byte) 0);
            digest.value(property.value());
            digest.sha.update(END);
        }
        digest.sha.update(END);
        digest.texts(card.memberUids());
        byte[] hash = digest.sha.digest();
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18)) + "\"";
    }

    private void value(MappedValue value) {
        if (value instanceof MappedValue.Binary binary) {
            sha.update((byte) 'b');
            length(binary.data().length);
            sha.update(binary.data());
        } else if (value instanceof MappedValue.Structured structured) {
            sha.update((byte) 's');
            length(structured.components().size());
            structured.components().forEach(this::texts);
        } else {
            // Text, Uri, Timestamp and Date: their text is their whole content; the kind tells them apart.
            sha.update((byte) value.getClass().getSimpleName().charAt(0));
            text(value.text());
        }
    }

    private CardDigest texts(List<String> texts) {
        length(texts.size());
        texts.forEach(this::text);
        return this;
    }

    private CardDigest text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        length(bytes.length);
        sha.update(bytes);
        sha.update(SEPARATOR);
        return this;
    }

    private void length(int length) {
        sha.update((byte) (length >>> 24));
        sha.update((byte) (length >>> 16));
        sha.update((byte) (length >>> 8));
        sha.update((byte) length);
    }

}
