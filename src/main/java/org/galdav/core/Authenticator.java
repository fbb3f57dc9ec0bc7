package org.galdav.core;

import java.util.Optional;

/** Verifies a login and password. */
public interface Authenticator {

    /**
     * @param client who asks, for limits on failed logins per client
     * @return the principal when the credentials are valid, empty when they are not
     * @throws SourceUnavailableException when the verdict cannot be reached (directory down)
     * @throws LoginThrottledException    when too many logins failed; the credentials were not checked
     */
    Optional<Principal> authenticate(String login, String password, AddressBlock client);

    /** Forgets a remembered successful login, e.g. after the directory refused that password. */
    default void forget(String login, String password) {
    }
}
