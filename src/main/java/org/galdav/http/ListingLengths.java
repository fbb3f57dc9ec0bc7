package org.galdav.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.dav.DavResource;
import org.galdav.dav.Resources;

/**
 * Card resources for listed cards (a PROPFIND of a book, a sync-collection answer). A listing knows each
 * card's name and ETag but not its length, which only rendering the card tells; so when the client asked for
 * getcontentlength (RFC 4918 §15.4, by name or through allprop) the cards are looked up in batches of
 * {@link #BATCH} and rendered, and otherwise never. Memory stays one batch whatever the book's size. A card
 * gone between the listing and its lookup is left out.
 */
final class ListingLengths implements CardSink<CardSummary> {
    static final int BATCH = 100;
    /** The length of a card whose resource is written only with properties the client named, none of them it. */
    static final LongSupplier UNASKED = () -> {
        throw new IllegalStateException("getcontentlength was not asked for");
    };

    private final AddressBook book;
    private final Resources resources;
    private final CardSink<DavResource> out;
    private final List<CardSummary> batch = new ArrayList<>(BATCH);

    private ListingLengths(AddressBook book, Resources resources, CardSink<DavResource> out) {
        this.book = book;
        this.resources = resources;
        this.out = out;
    }

    /** A sink for the book's listing that writes each card's resource to {@code out}. */
    static CardSink<CardSummary> to(AddressBook book, Resources resources, boolean lengths, CardSink<DavResource> out) {
        String id = book.info().id();
        if (!lengths) {
            return summary -> out.accept(resources.card(id, summary, UNASKED));
        }
        return new ListingLengths(book, resources, out);
    }

    /** Writes what is still batched; call once the listing has ended. */
    static void finish(CardSink<CardSummary> sink) throws IOException {
        if (sink instanceof ListingLengths lengths) {
            lengths.flush();
        }
    }

    @Override
    public void accept(CardSummary summary) throws IOException {
        batch.add(summary);
        if (batch.size() == BATCH) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Card> cards = book.find(batch.stream().map(CardSummary::name).toList());
        for (CardSummary summary : batch) {
            Card card = cards.get(summary.name());
            if (card != null) {
                out.accept(resources.card(book.info().id(), card));
            }
        }
        batch.clear();
    }
}
