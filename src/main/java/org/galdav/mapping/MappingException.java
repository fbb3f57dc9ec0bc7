package org.galdav.mapping;

/** A mapping file that cannot be used; the message names the file, the key and the problem. */
public final class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
