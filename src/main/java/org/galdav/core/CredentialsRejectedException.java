package org.galdav.core;

/**
 * The directory refused the caller's own password while acting as them (a book searched with the
 * user's bind, after the password was changed): the protocol layer answers 401 so the client asks again.
 */
public final class CredentialsRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialsRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
