package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A filter template such as "(uid={0})": the login is escaped per RFC 4515 before it replaces {0},
 * and the result is parsed, so no login can change the filter's structure.
 */
final class LoginFilter {
    private final String template;

    /** @throws IllegalArgumentException when the template lacks {0} or is not a valid filter */
    LoginFilter(String template) {
        if (!template.contains("{0}")) {
            throw new IllegalArgumentException("login filter must contain {0}: " + template);
        }
        this.template = template;
        forLogin("probe");
    }

    Filter forLogin(String login) {
        String text = template.replace("{0}", Filter.encodeValue(login));
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("login filter is not a valid LDAP filter: " + template, e);
        }
    }
}
