package org.galdav.directory;

/** The directory cannot (or can no longer) say what changed: the caller falls back to re-reading. */
public final class ChangeTrackingUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChangeTrackingUnavailableException(String message) {
        super(message);
    }

    public ChangeTrackingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
