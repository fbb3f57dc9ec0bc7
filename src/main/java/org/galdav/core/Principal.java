package org.galdav.core;

import java.util.List;
import java.util.Objects;

/**
 * A user: the authenticated caller, another user found by a principal search, or the anonymous
 * caller when anonymous read access is enabled.
 *
 * @param login       the user's login name; becomes the principal URL segment
 * @param displayName how clients should show the user
 * @param emails      the user's mail addresses, for principal searches by address
 * @param dn          the user's entry in the directory (empty for the anonymous caller); decides which
 *                    books the user may see
 */
public record Principal(String login, String displayName, List<String> emails, String dn) {
    public static final Principal ANONYMOUS = new Principal("anonymous", "Anonymous");

    public Principal {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        emails = List.copyOf(emails);
        Objects.requireNonNull(dn, "dn");
    }

    public Principal(String login, String displayName, List<String> emails) {
        this(login, displayName, emails, "");
    }

    public Principal(String login, String displayName) {
        this(login, displayName, List.of(), "");
    }

    public boolean isAnonymous() {
        return this == ANONYMOUS;
    }
}
