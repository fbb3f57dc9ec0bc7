package org.galdav.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.PropSelection;

/**
 * An addressbook-query that every card matches ({@link org.galdav.core.query.CardFilter#matchesEveryCard}) is
 * an enumeration of the book, not a search: tsdav's {@code fetchVCards} lists a book with a bare
 * {@code prop-filter name="FN"}, and fails the whole call on a 507. So it is answered like a listing, in
 * full and streamed (one paged search of the book), without the cap that bounds real searches; a limit the
 * client set (RFC 6352 §8.6.1) is honoured, with the 507 of §8.6.2 when there were more cards.
 */
final class BookEnumeration {
    private static final int BATCH = ListingLengths.BATCH;

    private BookEnumeration() {
    }

    static void answer(Exchange exchange, AddressBook book, PropSelection props, OptionalInt limit)
            throws IOException {
        String bookId = book.info().id();
        if (limit.isEmpty()) {
            Responses.multistatus(exchange, out ->
                    book.scan(card -> out.card(exchange.resources.card(bookId, card), card, props)));
            return;
        }
        // The first cards of the listing by name, looked up a batch at a time.
        List<String> names = new ArrayList<>();
        boolean[] more = {false};
        book.list(summary -> {
            if (names.size() < limit.getAsInt()) {
                names.add(summary.name());
            } else {
                more[0] = true;
            }
        });
        Responses.multistatus(exchange, out -> {
            for (int from = 0; from < names.size(); from += BATCH) {
                List<String> batch = names.subList(from, Math.min(names.size(), from + BATCH));
                Map<String, Card> cards = book.find(batch);
                for (String name : batch) {
                    Card card = cards.get(name);
                    if (card != null) { // gone since the listing was taken: left out
                        out.card(exchange.resources.card(bookId, card), card, props);
                    }
                }
            }
            if (more[0]) {
                out.status(DavPaths.book(bookId), 507, Optional.of(DavNames.NUMBER_OF_MATCHES_WITHIN_LIMITS));
            }
        });
    }
}
