package org.galdav.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.SourceUnavailableException;

/**
 * What the page says about one book: its name, and for a synced book the number of cards and the newest
 * change among them, counted from the book's listing (which galdav keeps, so this costs no directory search
 * once the book has been listed). A directory gateway is never listed (RFC 6352 §6.4 asks clients to search
 * it), so it has neither. A directory that does not answer leaves the numbers out instead of failing the page.
 *
 * @param cards      empty for a gateway, or when the directory did not answer
 * @param lastChange the newest modification time among the cards, when the directory keeps them
 */
record BookFacts(BookInfo info, OptionalLong cards, Optional<Instant> lastChange) {

    static BookFacts of(AddressBook book) {
        if (book.info().directoryGateway()) {
            return new BookFacts(book.info(), OptionalLong.empty(), Optional.empty());
        }
        long[] count = {0};
        Instant[] newest = {null};
        try {
            book.list(card -> {
                count[0]++;
                card.lastModified().ifPresent(t -> {
                    if (newest[0] == null || t.isAfter(newest[0])) {
                        newest[0] = t;
                    }
                });
            });
        } catch (SourceUnavailableException e) {
            return new BookFacts(book.info(), OptionalLong.empty(), Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink above never fails
        }
        return new BookFacts(book.info(), OptionalLong.of(count[0]), Optional.ofNullable(newest[0]));
    }

    boolean searchOnly() {
        return info.directoryGateway();
    }
}
