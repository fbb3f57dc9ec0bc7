package org.galdav.core;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.galdav.core.query.CardQuery;

/**
 * The card-source port: one read-only address book as the protocol layer sees it. Implementations may
 * fail with {@link SourceUnavailableException} when their backing store cannot answer.
 */
public interface AddressBook {

    BookInfo info();

    /**
     * An opaque value that changes whenever any card is added, changed or removed, and stays
     * identical otherwise (CalendarServer getctag).
     */
    String ctag();

    /** Streams every card in the book. */
    void scan(CardSink<Card> sink) throws IOException;

    /** Streams the summary of every card in the book; implementations may answer from a cache. */
    default void list(CardSink<CardSummary> sink) throws IOException {
        scan(card -> sink.accept(card.summary()));
    }

    /** Looks cards up by resource name; names that do not exist are absent from the result. */
    Map<String, Card> find(Collection<String> names);

    /**
     * Streams the cards matching a query, at most {@code query.limit()} of them.
     */
    QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException;

    /** Incremental sync, when this book supports it. */
    default java.util.Optional<Syncable> sync() {
        return java.util.Optional.empty();
    }
}
