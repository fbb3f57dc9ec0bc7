package org.galdav.book;

import com.unboundid.ldap.sdk.Entry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.galdav.core.Deadline;
import org.galdav.core.SourceUnavailableException;

/**
 * Maps a listing's entries to cards on every core while the directory's next entries arrive, and hands the
 * cards on one by one, on the listing's thread, in the directory's order. At most {@link #WINDOW} entries are
 * in flight, so memory stays bounded however large the book. Each entry is mapped under the listing's
 * deadline. Not thread-safe: one listing, one instance.
 */
final class OrderedMapping {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Entries being mapped at once: enough to keep every core busy between two pages. */
    static final int WINDOW = 64 * THREADS;
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "galdav-mapping");
        thread.setDaemon(true);
        return thread;
    });

    private final Function<Entry, Optional<TrackedCard>> mapping;
    private final DirectoryCards.CardHandler handler;
    private final ArrayDeque<Future<Optional<TrackedCard>>> pending = new ArrayDeque<>();

    OrderedMapping(Function<Entry, Optional<TrackedCard>> mapping, DirectoryCards.CardHandler handler) {
        this.mapping = mapping;
        this.handler = handler;
    }

    /** Takes an entry; false once the handler wants no more cards. */
    boolean accept(Entry entry) throws IOException {
        Deadline deadline = Deadline.current();
        pending.add(WORKERS.submit(() -> {
            try (Deadline.Scope scope = deadline.open()) {
                return mapping.apply(entry);
            }
        }));
        while (pending.size() > WINDOW) {
            if (!handOn(pending.poll())) {
                return false;
            }
        }
        return true;
    }

    /** Hands on every card still being mapped, once the directory has sent every entry. */
    void finish() throws IOException {
        while (!pending.isEmpty()) {
            if (!handOn(pending.poll())) {
                return;
            }
        }
    }

    /** Drops what is still being mapped (the listing failed or was stopped). */
    void abandon() {
        pending.forEach(card -> card.cancel(true));
        pending.clear();
    }

    private boolean handOn(Future<Optional<TrackedCard>> next) throws IOException {
        Optional<TrackedCard> card;
        try {
            card = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            Deadline.current().check();
            throw new SourceUnavailableException("the listing was interrupted", e);
        } catch (ExecutionException e) {
            abandon();
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("mapping an entry failed", e.getCause());
        }
        if (card.isEmpty() || handler.accept(card.get())) {
            return true;
        }
        abandon();
        return false;
    }
}
