package org.galdav.server;

import java.util.Collection;
import java.util.function.Consumer;
import org.galdav.book.ChangeTracker;
import org.galdav.cache.CachingAddressBook;
import org.galdav.core.Card;

/**
 * What a book's change tracker learns, passed on: the cache keeps the cards a listing read and drops
 * those that changed, the metrics count listings, polls and changed cards, and readiness learns that the
 * book has been listed.
 *
 * @param firstListing told the book's id after each full listing (readiness waits for the first)
 */
record TrackerEvents(String book, CachingAddressBook cache, ServerMetrics metrics, Consumer<String> firstListing)
        implements ChangeTracker.Listener {
    @Override
    public void loaded(Card card) {
        cache.remember(card);
    }

    @Override
    public void changed(Collection<String> names) {
        cache.forget(names);
        metrics.cardsChanged(book, names.size());
    }

    @Override
    public void listed() {
        metrics.listed(book);
        firstListing.accept(book);
    }

    @Override
    public void polled() {
        metrics.polled(book);
    }
}
