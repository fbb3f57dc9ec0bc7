package org.galdav.config;

import com.unboundid.ldap.sdk.Filter;
import java.util.Objects;
import org.galdav.directory.LoginFilter;

/**
 * The {@code auth} section: how logins and principals are found in the directory. Both filters are
 * parsed when the configuration is loaded, so a broken one stops the start instead of a login.
 *
 * @param userBaseDn     where users are looked up; empty = the directory's base DN ({@link #userBase})
 * @param loginFilter    finds a user's entry by login ({0} is the login, escaped per RFC 4515)
 * @param loginAttribute the attribute holding the login name; names the principals that searches find
 * @param userFilter     which entries are users, for principal-property-search (RFC 3744 §9.4)
 */
public record AuthSettings(String userBaseDn, LoginFilter loginFilter, String loginAttribute, Filter userFilter) {
    public AuthSettings {
        Objects.requireNonNull(userBaseDn, "userBaseDn");
        Objects.requireNonNull(loginFilter, "loginFilter");
        Objects.requireNonNull(loginAttribute, "loginAttribute");
        Objects.requireNonNull(userFilter, "userFilter");
    }

    /** Where users are looked up in a directory whose base DN is {@code directoryBaseDn}. */
    public String userBase(String directoryBaseDn) {
        return userBaseDn.isEmpty() ? directoryBaseDn : userBaseDn;
    }
}
