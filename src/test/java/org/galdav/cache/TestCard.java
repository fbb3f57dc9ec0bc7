package org.galdav.cache;

import java.util.List;
import java.util.Optional;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.CardProperty;
import org.galdav.core.CardSummary;
import org.galdav.core.PropertySelection;

/** A card that is only a name and an ETag, for the cache's tests. */
record TestCard(String name, String etag) implements Card {
    public CardSummary summary() {
        return new CardSummary(name, "\"" + etag + "\"", Optional.empty());
    }

    public String uid() {
        return name;
    }

    public String formattedName() {
        return name;
    }

    public List<CardProperty> properties() {
        return List.of();
    }

    public byte[] render(CardFormat format, PropertySelection selection) {
        return new byte[0];
    }
}
