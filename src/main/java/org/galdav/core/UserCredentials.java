package org.galdav.core;

import java.util.Objects;

/**
 * The caller's own password, carried only so that books configured to search with the user's own
 * LDAP bind can do so. Never printed: toString hides it.
 */
public final class UserCredentials {
    public static final UserCredentials NONE = new UserCredentials("");

    private final String password;

    public UserCredentials(String password) {
        this.password = Objects.requireNonNull(password, "password");
    }

    public String password() {
        return password;
    }

    public boolean isPresent() {
        return !password.isEmpty();
    }

    @Override
    public String toString() {
        return "UserCredentials[hidden]";
    }
}
