package org.galdav.core;

import java.time.Instant;

/**
 * The one clock: the composition root creates it and hands it to everything that measures, expires or
 * dates, so tests move time forward instead of sleeping. Implementations are thread-safe.
 */
public interface TimeSource {
    /** The machine's clocks. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };

    /** Monotonic nanoseconds, for durations, intervals and expiry; only differences mean anything. */
    long nanoTime();

    /** The wall clock, for what outlives the process (ages of stored sync states). */
    Instant now();
}
