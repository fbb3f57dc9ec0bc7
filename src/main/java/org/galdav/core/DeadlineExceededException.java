package org.galdav.core;

/**
 * The current request's work was stopped: its time is up or its client disconnected ({@link Deadline}).
 * The protocol layer answers 503 with Retry-After if it still can, and logs one line.
 */
public final class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String message) {
        super(message);
    }
}
