package org.galdav.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.galdav.config.BookSettings;
import org.galdav.config.Settings;
import org.galdav.directory.Directory;

/**
 * Whether this instance is ready for clients ({@code GET /health/ready}): the directory answers a probe,
 * and every book listed at start has its first listing done, so that the first sync is answered from
 * memory rather than with a listing under way. Books are told done by the warm-up listing ({@link WarmUp})
 * or by their change tracker's first full listing ({@link TrackerEvents}), whichever comes first.
 *
 * <p>Awaited are the books listed at start: with {@code cache.warm-up} on, every book served to everyone
 * alike except directory gateways (searched, never listed); books searched with each user's own bind are
 * listed per user, on demand. With warm-up off nothing lists at start, so only the directory is asked.
 * Thread-safe.
 */
final class Readiness {
    private final Directory directory;
    private final Set<String> pending = new ConcurrentSkipListSet<>();
    private final Object lock = new Object();

    Readiness(Directory directory, Set<String> awaited) {
        this.directory = directory;
        this.pending.addAll(awaited);
    }

    /** The books whose first listing readiness waits for, as {@code settings} configure them. */
    static Set<String> awaited(Settings settings) {
        Set<String> books = new TreeSet<>();
        if (settings.cache().warmUp()) {
            for (BookSettings book : settings.books()) {
                if (!book.bindAsUser() && !book.directoryGateway()) {
                    books.add(book.id());
                }
            }
        }
        return books;
    }

    /** The book's first listing is done (later ones change nothing). */
    void listed(String book) {
        if (pending.remove(book)) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /**
     * What keeps the instance from being ready, in a few words; empty when it is ready. Asks the directory
     * (within {@code ldap.probe-timeout}) only once every listing is done.
     */
    Optional<String> problem() {
        List<String> waiting = new ArrayList<>(pending);
        if (!waiting.isEmpty()) {
            return Optional.of("first listing not done yet: " + String.join(", ", waiting));
        }
        return directory.answersProbe() ? Optional.empty() : Optional.of("directory unreachable");
    }

    /** Waits at most {@code atMost} for every awaited first listing; whether they are all done. For tests. */
    boolean awaitListings(Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        synchronized (lock) {
            while (!pending.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return true;
    }
}
