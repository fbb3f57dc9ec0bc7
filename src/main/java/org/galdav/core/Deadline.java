package org.galdav.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How long the work of the current request may go on: until a point in time on the server's clock, and
 * only while its client is still connected. The protocol layer opens one per request on the thread that
 * does the request's work ({@link #open}); lower layers ask {@link #current()} and stop long loops and
 * directory operations when it has {@link #expired()} ({@link #check()}). Work outside a request
 * (background listings) runs under {@link #NONE}.
 *
 * <p>Threads: a deadline is immutable apart from what its client-gone probe reads; the current one is
 * per thread.
 */
public final class Deadline {
    /** No limit: background work, tests. */
    public static final Deadline NONE = new Deadline(null, Long.MAX_VALUE, () -> false);
    private static final ThreadLocal<Deadline> CURRENT = ThreadLocal.withInitial(() -> NONE);

    private final TimeSource time;
    private final long endNanos;
    private final BooleanSupplier clientGone;

    private Deadline(TimeSource time, long endNanos, BooleanSupplier clientGone) {
        this.time = time;
        this.endNanos = endNanos;
        this.clientGone = clientGone;
    }

    /**
     * A deadline {@code budget} from now.
     *
     * @param clientGone true once the client has disconnected (work for it is pointless)
     */
    public static Deadline after(Duration budget, TimeSource time, BooleanSupplier clientGone) {
        return new Deadline(time, time.nanoTime() + budget.toNanos(), clientGone);
    }

    /** The deadline of the request this thread works for; {@link #NONE} outside a request. */
    public static Deadline current() {
        return CURRENT.get();
    }

    /** Makes this the current thread's deadline until the returned scope is closed. */
    public Scope open() {
        Deadline previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** Time left, zero when expired; {@link Duration#ZERO} is never returned for {@link #NONE}. */
    public Duration remaining() {
        if (time == null) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        return Duration.ofNanos(Math.max(0, endNanos - time.nanoTime()));
    }

    /** Whether the time is up or the client went away. */
    public boolean expired() {
        return time != null && (endNanos - time.nanoTime() <= 0 || clientGone.getAsBoolean());
    }

    /**
     * Stops the caller's work when the deadline has expired.
     *
     * @throws DeadlineExceededException when it has
     */
    public void check() {
        if (expired()) {
            throw new DeadlineExceededException(clientGone.getAsBoolean()
                    ? "the client disconnected" : "the request's time is up");
        }
    }

    /** Restores the previous deadline; closing never fails. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
