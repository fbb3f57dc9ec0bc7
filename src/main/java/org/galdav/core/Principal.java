package org.galdav.core;

import java.util.Objects;

/**
 * An authenticated caller, or the anonymous one when anonymous read access is enabled.
 *
 * @param login       the name the user logged in with; becomes the principal URL segment
 * @param displayName how clients should show the user
 */
public record Principal(String login, String displayName) {
    public static final Principal ANONYMOUS = new Principal("anonymous", "Anonymous");

    public Principal {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
    }

    public boolean isAnonymous() {
        return this == ANONYMOUS;
    }
}
