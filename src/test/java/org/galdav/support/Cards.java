package org.galdav.support;

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.ValidationWarnings;
import java.util.List;

/** Parses vCards from responses and checks them with ez-vcard's validator. */
public final class Cards {
    private Cards() {
    }

    public static VCard parseOne(String text) {
        List<VCard> cards = Ezvcard.parse(text).all();
        if (cards.size() != 1) {
            throw new AssertionError("expected exactly one vCard, got " + cards.size() + ":\n" + text);
        }
        return cards.get(0);
    }

    /** Fails with the validator's warnings when the card is not valid for its version. */
    public static VCard valid(String text, VCardVersion version) {
        VCard card = parseOne(text);
        if (card.getVersion() != version) {
            throw new AssertionError("expected vCard " + version + " but got " + card.getVersion());
        }
        ValidationWarnings warnings = card.validate(version);
        List<String> objections = new java.util.ArrayList<>();
        warnings.forEach(entry -> entry.getValue().stream()
                .filter(warning -> !deliberate(entry.getKey(), warning, version))
                .forEach(warning -> objections.add(entry.getKey() + ": " + warning)));
        if (!objections.isEmpty()) {
            throw new AssertionError("invalid vCard " + version + ":\n" + objections + "\n" + text);
        }
        return card;
    }

    /**
     * The one objection galdav overrides on purpose: vCard 3.0 e-mails carry TYPE=work or home (RFC 2426 lists
     * only internet, x400 and pref), as Apple, Google, SOGo and Nextcloud write them and iOS/macOS read them
     * (ez-vcard's warning W09).
     */
    private static boolean deliberate(ezvcard.property.VCardProperty property, ezvcard.ValidationWarning warning,
                                      VCardVersion version) {
        return version == VCardVersion.V3_0 && property instanceof ezvcard.property.Email
                && Integer.valueOf(9).equals(warning.getCode())
                && (warning.getMessage().contains("\"work\"") || warning.getMessage().contains("\"home\""));
    }
}
