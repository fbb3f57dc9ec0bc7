package org.galdav.vcard;

import java.util.ArrayList;
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
 * A card as the mapping made it. Its renderings are made when a client asks for them, not when it is listed:
 * the default representation (vCard 3.0, all properties, whose length is getcontentlength) once, then kept;
 * vCard 4.0 and partial renderings (RFC 6352 §10.4) on every request. The ETag ({@link CardDigest}) is a hash
 * of the card's content and the mapping's and renderer's versions, so listing 100,000 cards renders none:
 * identical content gives identical ETags on every instance and after restarts, and any change to what a
 * client could receive changes it (RFC 6352 §6.3.2.3 requires a strong ETag). Thread-safe.
 */
public final class RenderedCard implements Card {
    private final MappedCard card;
    private final CardSummary summary;
    /** Rendered on first use; two threads may both render it, with the same result. */
    private volatile byte[] vcard3;
    /**
     * {@link #weight}, worked out on first use (0: not yet): a cache asks it when it decides whether there is
     * room and again when it weighs the card, and walking the card's properties each time cost twice.
     */
    private volatile long weight;

    private RenderedCard(MappedCard card, CardSummary summary) {
        this.card = card;
        this.summary = summary;
    }

    /** @param fingerprint identifies the mapping that produced the card */
    public static RenderedCard of(MappedCard card, String fingerprint) {
        return new RenderedCard(card, new CardSummary(card.id() + ".vcf", CardDigest.etag(fingerprint, card),
                card.modified()));
    }

    /** The renderer's version, part of every ETag (checked against the golden cards by a test). */
    public static String rendererVersion() {
        return VCardRenderer.VERSION;
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
        if (selection.all() && format == CardFormat.VCARD_3) {
            return defaultRendering().clone();
        }
        return VCardRenderer.render(card, format, selection);
    }

    @Override
    public long contentLength() {
        return defaultRendering().length;
    }

    /**
     * What the card holds: its content, and room for its default rendering, which is about as large as the
     * content's text (weighed when the card enters a cache, before it may be rendered).
     */
    @Override
    public long weight() {
        long known = weight;
        if (known == 0) {
            known = 64 + 2 * card.weight();
            weight = known;
        }
        return known;
    }

    private byte[] defaultRendering() {
        byte[] rendered = vcard3;
        if (rendered == null) {
            rendered = VCardRenderer.render(card, CardFormat.VCARD_3, PropertySelection.ALL);
            vcard3 = rendered;
        }
        return rendered;
    }
}
