package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.galdav.core.AddressBlock;
import org.galdav.core.Authenticator;
import org.galdav.core.Principal;
import org.galdav.core.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic credentials checked against the directory: find the user's DN with the login filter
 * (the login escaped per RFC 4515, so it cannot change the filter), then bind as that DN.
 *
 * <p>Thread-safe: immutable; each check uses pooled connections of its own.
 *
 * <p>A login that names nobody costs the directory what a wrong password costs (one search, one bind, as a
 * DN that does not exist), so that neither the answer nor its time tells whether the login exists. (A
 * directory may still answer a bind for a missing entry faster than it checks a slow password hash.)
 *
 * <p>The principal is named by the entry's login attribute, not by what was typed ({@link LdapPrincipals}).
 *
 * <p>Failures: wrong credentials (no single user for the login, a password the directory refuses) are
 * an empty answer; {@link SourceUnavailableException} means the directory could not say.
 */
public final class LdapAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(LdapAuthenticator.class);
    /** Bind answers that mean "not these credentials"; any other is the directory failing. */
    private static final Set<ResultCode> WRONG = Set.of(ResultCode.INVALID_CREDENTIALS, ResultCode.INVALID_DN_SYNTAX,
            ResultCode.UNWILLING_TO_PERFORM, ResultCode.INAPPROPRIATE_AUTHENTICATION);

    private final UserEntries users;
    private final LdapPrincipals principals;

    public LdapAuthenticator(UserEntries users, LdapPrincipals principals) {
        this.users = users;
        this.principals = principals;
    }

    @Override
    public Optional<Principal> authenticate(String login, String password, AddressBlock client) {
        if (!UserEntries.isLogin(login)) {
            LOG.info("login '{}' refused unsearched: empty, too long or with control characters", login);
            return Optional.empty();
        }
        if (password.isEmpty()) {
            return Optional.empty();
        }
        List<SearchResultEntry> matches = users.matching(login, principals.attributes());
        if (matches.size() != 1) {
            spendABind(users.directory().connections(), users.absentDn(), password);
            LOG.info("login '{}' refused: {} matching entries", login, matches.size());
            return Optional.empty();
        }
        SearchResultEntry user = matches.get(0);
        if (!verifyPassword(users.directory().connections(), user.getDN(), password)) {
            LOG.info("login '{}' refused: wrong password", login);
            return Optional.empty();
        }
        return Optional.of(principals.principal(user, login));
    }

    /**
     * Binds as {@code dn}, an entry that does not exist, and ignores the directory's answer: the work of a
     * wrong password, for a login that names nobody.
     *
     * @throws SourceUnavailableException when the directory cannot be reached, as for a real check
     */
    private static void spendABind(Connections connections, String dn, String password) {
        try {
            connections.bindAndRevert(new SimpleBindRequest(dn, password));
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw Connections.unavailable("bind", e);
            }
        }
    }

    /**
     * Checks a password by binding as {@code dn} on a pooled connection, then restoring the service
     * identity. Empty passwords are refused without a bind: an LDAP simple bind with a DN and an empty
     * password is an unauthenticated bind and would "succeed" (RFC 4513 §5.1.2).
     *
     * @return false for the answers in {@link #WRONG}
     * @throws SourceUnavailableException for any other answer, or when the directory cannot be reached
     */
    static boolean verifyPassword(Connections connections, String dn, String password) {
        if (password.isEmpty()) {
            return false;
        }
        try {
            connections.bindAndRevert(new SimpleBindRequest(dn, password));
            return true;
        } catch (LDAPException e) {
            if (WRONG.contains(e.getResultCode())) {
                return false;
            }
            throw Connections.unavailable("bind", e);
        }
    }
}
