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
        if (!warnings.isEmpty()) {
            throw new AssertionError("invalid vCard " + version + ":\n" + warnings + "\n" + text);
        }
        return card;
    }
}
