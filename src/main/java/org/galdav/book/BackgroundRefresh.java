package org.galdav.book;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a book's refresh (a poll, a listing) on a thread of its own, one at a time: a request that finds one
 * due starts it or joins the one under way, and waits for it only as long as it chooses. The refresh runs
 * outside any request ({@link org.galdav.core.Deadline#NONE}), with the background timeouts, and finishes even
 * when the requests that waited for it have answered from the last state meanwhile.
 *
 * <p>Thread-safe.
 */
final class BackgroundRefresh {
    private final String threadName;
    /** The refresh under way or the last one; guarded by this. */
    private CompletableFuture<Void> latest;

    BackgroundRefresh(String threadName) {
        this.threadName = threadName;
    }

    /**
     * A refresh in progress and whether this caller started it.
     *
     * @param done completes when the refresh ends, exceptionally with its failure
     */
    record Run(CompletableFuture<Void> done, boolean startedHere) {
        /**
         * Waits for the refresh at most {@code atMost}.
         *
         * @return true when it ended within that time, false when it is still under way (or the wait was
         *         interrupted)
         * @throws RuntimeException the refresh's own failure
         */
        boolean await(Duration atMost) {
            try {
                done.get(atMost.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("refresh failed", e.getCause());
            }
        }
    }

    /** The refresh under way or the last one (one that is done when there was none). */
    synchronized Run latest() {
        return new Run(latest == null ? CompletableFuture.completedFuture(null) : latest, false);
    }

    /** Starts {@code refresh} on a new thread unless one is under way, which is then joined. */
    synchronized Run startOrJoin(Runnable refresh) {
        if (latest != null && !latest.isDone()) {
            return new Run(latest, false);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        latest = done;
        Thread thread = new Thread(() -> {
            try {
                refresh.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return new Run(done, true);
    }
}
