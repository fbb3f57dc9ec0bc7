package org.galdav.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.galdav.core.TimeSource;

/** A clock tests move by hand: monotonic and wall time advance together, nothing sleeps. Thread-safe. */
public final class FakeTime implements TimeSource {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return START.plusNanos(nanos.get());
    }

    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
