package org.galdav.core;

import java.time.Duration;

/**
 * Too many failed logins for this login or from this client: the credentials were not checked, and may be
 * tried again after {@link #retryAfter()}. The protocol layer answers 429 with {@code Retry-After}
 * (RFC 6585 §4).
 */
public final class LoginThrottledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins; try again in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    /** How long until a budget has room again (at least one second). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
