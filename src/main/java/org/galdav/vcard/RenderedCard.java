package org.galdav.vcard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.CardProperty;
import org.galdav.core.CardSummary;
import org.galdav.core.PropertySelection;
import org.galdav.mapping.MappedCard;
import org.galdav.mapping.MappedProperty;

/**
 * A card rendered once in both versions. The ETag is a hash of both renderings and the mapping's
 * fingerprint: identical bytes give identical ETags on every instance and after restarts, and any
 * change to what a client could receive changes it (RFC 6352 §6.3.2.3 requires a strong ETag).
 */
public final class RenderedCard implements Card {
    private final MappedCard card;
    private final byte[] vcard3;
    private final byte[] vcard4;
    private final CardSummary summary;

    private RenderedCard(MappedCard card, byte[] vcard3, byte[] vcard4, CardSummary summary) {
        this.card = card;
        this.vcard3 = vcard3;
        this.vcard4 = vcard4;
        this.summary = summary;
    }

    /** @param fingerprint identifies the mapping and renderer that produced the card */
    public static RenderedCard of(MappedCard card, String fingerprint) {
        byte[] v3 = VCardRenderer.render(card, CardFormat.VCARD_3, PropertySelection.ALL);
        byte[] v4 = VCardRenderer.render(card, CardFormat.VCARD_4, PropertySelection.ALL);
        String etag = etag(fingerprint, v3, v4);
        CardSummary summary = new CardSummary(card.id() + ".vcf", etag, v3.length, card.modified());
        return new RenderedCard(card, v3, v4, summary);
    }

    @Override
    public CardSummary summary() {
        return summary;
    }

    @Override
    public String uid() {
        return card.uid();
    }

    @Override
    public String formattedName() {
        return card.first("FN").orElse(card.uid());
    }

    @Override
    public List<CardProperty> properties() {
        List<CardProperty> out = new ArrayList<>(card.properties().size() + 2);
        out.add(new CardProperty(Optional.empty(), "UID", Map.of(), card.uid()));
        for (MappedProperty property : card.properties()) {
            Map<String, List<String>> params = property.types().isEmpty()
                    ? Map.of() : Map.of("TYPE", property.types());
            out.add(new CardProperty(Optional.empty(), property.name(), params, property.value().text()));
        }
        if (card.group()) {
            // Both spellings, so filters written for vCard 4.0 or for Apple's 3.0 extension both work.
            out.add(new CardProperty(Optional.empty(), "KIND", Map.of(), "group"));
            out.add(new CardProperty(Optional.empty(), "X-ADDRESSBOOKSERVER-KIND", Map.of(), "group"));
            for (String uid : card.memberUids()) {
                out.add(new CardProperty(Optional.empty(), "MEMBER", Map.of(), "urn:uuid:" + uid));
                out.add(new CardProperty(Optional.empty(), "X-ADDRESSBOOKSERVER-MEMBER", Map.of(), "urn:uuid:" + uid));
            }
        }
        return out;
    }

    @Override
    public byte[] render(CardFormat format, PropertySelection selection) {
        if (selection.all()) {
            return (format == CardFormat.VCARD_4 ? vcard4 : vcard3).clone();
        }
        return VCardRenderer.render(card, format, selection);
    }

    @Override
    public long weight() {
        return vcard3.length + vcard4.length + 512;
    }

    private static String etag(String fingerprint, byte[] v3, byte[] v4) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(v3);
            sha.update((byte) 0);
            sha.update(v4);
            byte[] digest = sha.digest();
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
