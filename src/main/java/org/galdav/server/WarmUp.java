package org.galdav.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.CardQuery;
import org.galdav.core.query.Collation;
import org.galdav.core.query.Combination;
import org.galdav.core.query.MatchType;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.TextMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every shared book once in the background at start: the first client to sync finds listing,
 * ctag and sync token ready, and group cards find their members' UIDs without extra reads. A book whose
 * listing fails (the directory down at start) is listed again after a rest, until it works, so that
 * readiness ({@link Readiness}) does not wait for a client that a load balancer will not send. Stopping it
 * with the server ends it at the next book and keeps a listing that fails because the server closed from
 * being reported as a directory problem.
 */
final class WarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** Cards rendered after each listing, to load the vCard writer before the first client needs it. */
    private static final int RENDERED = 200;

    private final List<AddressBook> books;
    private final TimeSource time;
    private final Optional<Duration> retry;
    private final Consumer<String> ready;
    private final Thread thread;
    private final Object rest = new Object();
    private volatile boolean stopped;

    private WarmUp(List<AddressBook> books, TimeSource time, Optional<Duration> retry, Consumer<String> ready) {
        this.books = List.copyOf(books);
        this.time = time;
        this.retry = retry;
        this.ready = ready;
        this.thread = new Thread(this::run, "galdav-warm-up");
        thread.setDaemon(true);
    }

    /** Lists each book once; failures are reported and not tried again. */
    static WarmUp start(List<AddressBook> books, TimeSource time) {
        return start(books, time, Optional.empty(), book -> { });
    }

    /**
     * @param retry how long to rest before listing again the books whose listing failed; empty: never again
     * @param ready told the id of each book once it is ready for clients
     */
    static WarmUp start(List<AddressBook> books, TimeSource time, Optional<Duration> retry, Consumer<String> ready) {
        WarmUp warmUp = new WarmUp(books, time, retry, ready);
        warmUp.thread.start();
        return warmUp;
    }

    private void run() {
        List<AddressBook> pending = books;
        boolean first = true;
        while (!pending.isEmpty()) {
            List<AddressBook> failed = new ArrayList<>();
            for (AddressBook book : pending) {
                if (stopped) {
                    return;
                }
                if (!warm(book, first)) {
                    failed.add(book);
                }
            }
            if (stopped || retry.isEmpty() || failed.isEmpty() || !rest(retry.get())) {
                return;
            }
            pending = failed;
            first = false;
        }
    }

    /** Lists one book; whether it worked. Only the first failure of each book is a warning. */
    private boolean warm(AddressBook book, boolean first) {
        long start = time.nanoTime();
        try {
            if (book.info().directoryGateway()) {
                // Searched, never listed (RFC 6352 §6.4): a listing would only hold a second index of the
                // same people in memory. Its query path is readied.
                searchForNoOne(book);
                LOG.info("address book {} is a directory gateway: searched, not listed", book.info().id());
                ready.accept(book.info().id());
                return true;
            }
            book.ctag();
            // The version behind the current sync token too (hashed, stored for other instances): the
            // first client's initial sync then only writes its answer.
            book.sync().ifPresent(sync -> sync.currentToken());
            long listed = time.nanoTime() - start;
            renderSome(book);
            // Logged once the book is ready for clients (listing, sync token, rendering and query paths).
            LOG.info("address book {} listed in {} ms", book.info().id(), TimeUnit.NANOSECONDS.toMillis(listed));
            ready.accept(book.info().id());
            return true;
        } catch (RuntimeException | IOException e) {
            if (stopped) {
                LOG.debug("address book {}: listing at start ended with the server", book.info().id());
            } else if (first) {
                LOG.warn("address book {} could not be listed at start: {}{}", book.info().id(), e.getMessage(),
                        retry.map(r -> "; trying again every " + r.toSeconds() + " s").orElse(""));
            } else {
                LOG.debug("address book {} could not be listed yet: {}", book.info().id(), e.getMessage());
            }
            return false;
        }
    }

    /** Waits {@code duration} unless stopped first; whether to go on. */
    private boolean rest(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        synchronized (rest) {
            try {
                long left;
                while (!stopped && (left = end - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(rest, left);
                }
            } catch (InterruptedException e) {
                return false;
            }
        }
        return !stopped;
    }

    /**
     * Renders a few of the book's cards in every format: listings no longer render cards, so without this the
     * first client's GET, multiget or query would pay for loading and compiling the vCard writer (half a
     * second at start).
     */
    private static void renderSome(AddressBook book) throws IOException {
        List<String> names = new ArrayList<>();
        book.list(card -> {
            if (names.size() < RENDERED) {
                names.add(card.name());
            }
        });
        for (Card card : book.find(names).values()) {
            for (CardFormat format : CardFormat.values()) {
                card.render(format, PropertySelection.ALL);
            }
        }
        searchForNoOne(book);
    }

    /** A search that finds no one, for the query path (the translator reads the directory's schema). */
    private static void searchForNoOne(AddressBook book) throws IOException {
        book.query(new CardQuery(new CardFilter(Combination.ANY_OF, List.of(PropFilter.of("FN", false,
                Combination.ANY_OF, List.of(new TextMatch(WARM_UP_NEEDLE, Collation.UNICODE_CASEMAP, MatchType.CONTAINS,
                        false)), List.of()))), 1), card -> { });
    }

    /** Matches nobody: a name no directory holds. */
    private static final String WARM_UP_NEEDLE = "galdav-warm-up-7f3c9a";

    /** Stops at the next book; a listing under way ends when the directory connections close. */
    void stop() {
        stopped = true;
        synchronized (rest) {
            rest.notifyAll();
        }
        thread.interrupt();
    }

    /** Waits (boundedly) for the thread to end, after {@link #stop} and the directory have closed. */
    boolean awaitEnd(Duration atMost) {
        try {
            thread.join(atMost.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
