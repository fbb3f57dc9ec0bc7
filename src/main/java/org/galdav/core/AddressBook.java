package org.galdav.core;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.query.CardQuery;

/**
 * The card-source port: one read-only address book as the protocol layer sees it. Implementations are
 * thread-safe; every method may be called by many requests at once.
 *
 * <p>What failures mean, for every method: {@link SourceUnavailableException} — the backing store could
 * not answer, or could not answer completely where completeness matters (a listing or lookup the
 * directory cut short is never passed off as the whole book); {@link CredentialsRejectedException} — a
 * book searched with the caller's own bind had their password refused; {@link IOException} — the sink
 * failed (the client went away). "Not found" is never an exception: a card that does not exist is
 * absent from {@link #find}'s answer.
 */
public interface AddressBook {

    BookInfo info();

    /**
     * An opaque value that changes whenever any card is added, changed or removed, and stays identical
     * otherwise (CalendarServer getctag): {@link ContentHash#ctagOf} of the book's listing, so that every
     * layer computes the same value for the same content.
     */
    String ctag();

    /** Streams every card in the book, complete or failing. */
    void scan(CardSink<Card> sink) throws IOException;

    /** Streams the summary of every card in the book; implementations may answer from a cache. */
    default void list(CardSink<CardSummary> sink) throws IOException {
        scan(card -> sink.accept(card.summary()));
    }

    /** Looks cards up by resource name; names that do not exist are absent from the result. */
    Map<String, Card> find(Collection<String> names);

    /**
     * Streams the cards matching a query, at most {@code query.limit()} of them; the outcome says whether
     * more matched (RFC 6352 §8.6.2).
     */
    QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException;

    /** Incremental sync (RFC 6578), when this book supports it. */
    default Optional<Syncable> sync() {
        return Optional.empty();
    }
}
