package org.galdav.book;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.CardSink;

/**
 * Where a change tracker reads a book's cards: the directory itself, uncached, each card with its DN and
 * the DNs it was resolved from. Reads that decide a card is gone are strict: a directory that cannot
 * answer (down, limits, timeouts) throws {@link org.galdav.core.SourceUnavailableException}, never
 * "absent".
 */
interface TrackedSource {

    /** The book's normalized base DN: DNs outside it are not the book's. */
    String baseDn();

    /** Every card, complete or failing; resolved DNs are forgotten first (people may be gone). */
    void scanTracked(CardSink<TrackedCard> sink) throws IOException;

    /** The card of the entry at a DN, read now; empty when there is none, or it is not in the book. */
    Optional<TrackedCard> readAt(String dn);

    /** Every card at or below a DN (a new entry, an OU renamed or moved in), complete or failing. */
    void readBelow(String dn, CardSink<TrackedCard> sink) throws IOException;

    /** The cards with these names, wherever they are now; absent names do not exist any more. */
    Map<String, TrackedCard> findTracked(Collection<String> names);

    /** Forgets what was resolved from these DNs (changed, moved or deleted entries). */
    void forget(Collection<String> dns);
}
