package org.galdav.server;

import org.galdav.core.TimeSource;

/**
 * How one book's change tracking fares, for the metrics: when a poll or listing last succeeded (Unix time),
 * whether a feed follows the book, and how long the current run of failures has lasted, from its first
 * failed poll or listing to its latest. Only attempts that keep failing stretch that span: polling is on
 * demand (docs/sync.md), so one failure before a quiet night is not taken for a stall, while a directory
 * that fails every poll for ten intervals is. Thread-safe.
 */
final class SyncProgress {
    private final TimeSource time;
    private volatile double lastSuccess = Double.NaN;
    private volatile boolean tracked;
    /** Nanoseconds of the first and the latest failure since the last success; under this. */
    private long firstFailure;
    private long lastFailure;
    private boolean failing;

    SyncProgress(TimeSource time) {
        this.time = time;
    }

    synchronized void succeeded() {
        lastSuccess = time.now().toEpochMilli() / 1000.0;
        failing = false;
    }

    synchronized void failed() {
        long now = time.nanoTime();
        if (!failing) {
            failing = true;
            firstFailure = now;
        }
        lastFailure = now;
    }

    void following(boolean following) {
        tracked = following;
    }

    /** Unix time of the last successful poll or listing; NaN before the first. */
    double lastSuccessSeconds() {
        return lastSuccess;
    }

    /** Seconds from the first to the latest failure since the last success; 0 when the latest attempt succeeded. */
    synchronized double failingSeconds() {
        return failing ? (lastFailure - firstFailure) / 1e9 : 0;
    }

    /** 1 while a change feed follows the book, 0 while none does (listings are compared, docs/sync.md). */
    double trackingActive() {
        return tracked ? 1 : 0;
    }
}
