package org.galdav.core;

/**
 * The backing store could not answer (connection refused, timeout, server busy). The protocol layer
 * turns it into 503 Service Unavailable; the message is for the log, never for the client.
 */
public final class SourceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
