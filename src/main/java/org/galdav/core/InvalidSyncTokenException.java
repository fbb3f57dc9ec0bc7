package org.galdav.core;

/** A sync token this server cannot answer for: malformed, another book's, or older than the horizon. */
public final class InvalidSyncTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSyncTokenException(String message) {
        super(message);
    }
}
