package org.galdav.directory;

import java.util.Optional;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops sending operations to a directory that just failed (an answer that did not come in time, a
 * connection refused or lost): while the breaker is open every operation fails at once with
 * {@link SourceUnavailableException} (503 with Retry-After) instead of waiting for the directory again,
 * and the {@link DirectoryProbe} tries the directory in the background. The first answer from the
 * directory, a probe's or any operation's, closes it. A directory that answers with an error (no access,
 * a limit, a refused password) is up: only failures to answer open it.
 *
 * <p>Thread-safe: the state is read without locking; opening and closing are serialized.
 */
final class CircuitBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final TimeSource time;
    private final Object lock = new Object();
    private volatile Runnable onOpen = () -> { };
    private volatile boolean open;
    /** When it opened and why, for the messages; under the lock. */
    private long openedAt;
    private String cause = "";

    CircuitBreaker(TimeSource time) {
        this.time = time;
    }

    /** What to do when the breaker opens (wake the probe); called with no lock of the caller's held. */
    void onOpen(Runnable action) {
        this.onOpen = action;
    }

    /**
     * Lets an operation through while the directory is taken for up.
     *
     * @throws SourceUnavailableException at once while the breaker is open
     */
    void admit(String operation) {
        if (open) {
            long seconds;
            String why;
            synchronized (lock) {
                seconds = (time.nanoTime() - openedAt) / 1_000_000_000L;
                why = cause;
            }
            throw new SourceUnavailableException("LDAP " + operation + " not sent: the directory failed " + seconds
                    + " s ago (" + why + ") and has not answered a probe since", null);
        }
    }

    /** The directory failed to answer {@code operation}: stop sending it anything until it answers again. */
    void failed(String operation, Exception failure) {
        synchronized (lock) {
            if (open) {
                return;
            }
            open = true;
            openedAt = time.nanoTime();
            cause = operation + ": " + Optional.ofNullable(failure.getMessage()).orElse(failure.toString());
            LOG.warn("the directory did not answer ({}); requests that need it get 503 until it answers a probe",
                    cause);
        }
        onOpen.run();
    }

    /** The directory answered: operations may be sent again. */
    void succeeded() {
        if (!open) {
            return;
        }
        synchronized (lock) {
            if (open) {
                open = false;
                LOG.info("the directory answers again, after {} ms", (time.nanoTime() - openedAt) / 1_000_000L);
            }
        }
    }

    /** Whether operations are being refused now. */
    boolean isOpen() {
        return open;
    }
}
