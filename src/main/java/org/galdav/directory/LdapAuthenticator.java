package org.galdav.directory;

import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.core.Authenticator;
import org.galdav.core.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic credentials checked against the directory: find the user's DN with the login filter
 * (the login escaped per RFC 4515, so it cannot change the filter), then bind as that DN.
 */
public final class LdapAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(LdapAuthenticator.class);
    private static final String[] ATTRIBUTES = {"displayName", "cn", "mail"};

    private final Directory directory;
    private final String userBase;
    private final LoginFilter loginFilter;

    /** @param loginFilter finds a user's entry by login, e.g. "(uid={0})" */
    public LdapAuthenticator(Directory directory, String userBase, LoginFilter loginFilter) {
        this.directory = directory;
        this.userBase = userBase;
        this.loginFilter = loginFilter;
    }

    @Override
    public Optional<Principal> authenticate(String login, String password) {
        if (login.isEmpty() || password.isEmpty() || login.length() > 256) {
            return Optional.empty();
        }
        List<SearchResultEntry> matches = new ArrayList<>(2);
        directory.search(userBase, loginFilter.forLogin(login), ATTRIBUTES, entry -> {
            matches.add(entry);
            return matches.size() < 2;
        });
        if (matches.size() != 1) {
            LOG.info("login '{}' refused: {} matching entries", login, matches.size());
            return Optional.empty();
        }
        SearchResultEntry user = matches.get(0);
        if (!directory.verifyPassword(user.getDN(), password)) {
            LOG.info("login '{}' refused: wrong password", login);
            return Optional.empty();
        }
        return Optional.of(LdapPrincipals.principal(user, login));
    }
}
