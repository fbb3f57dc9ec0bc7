package org.galdav.server;

import java.util.Collection;
import java.util.function.Consumer;
import org.galdav.book.ChangeTracker;
import org.galdav.cache.CachingAddressBook;
import org.galdav.core.Card;

/**
 * What a book's change tracker learns, passed on: the cache keeps the cards a listing read and drops
 * those that changed, the metrics count listings, polls, failures and changed cards, and date the last
 * success (the book's meters exist from the tracker's creation on), and readiness learns that the book has
 * been listed.
 *
 * @param firstListing told the book's id after each full listing (readiness waits for the first)
 */
record TrackerEvents(String book, CachingAddressBook cache, ServerMetrics metrics, Consumer<String> firstListing)
        implements ChangeTracker.Listener {
    TrackerEvents {
        metrics.tracking(book);
    }

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

    @Override
    public void failed() {
        metrics.trackingFailed(book);
    }

    @Override
    public void following(boolean tracked) {
        metrics.following(book, tracked);
    }
}
