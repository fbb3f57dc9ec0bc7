package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Objects;

/**
 * A filter template such as "(uid={0})": the login is escaped per RFC 4515 before it replaces {0},
 * and the result is parsed, so no login can change the filter's structure. The template is checked
 * once, when configuration is loaded ({@link #parse}); a login can then never make it invalid.
 * Immutable and thread-safe.
 */
public final class LoginFilter {
    private final String template;

    private LoginFilter(String template) {
        this.template = template;
    }

    /**
     * @param template the filter with {0} standing for the login, e.g. "(|(uid={0})(mail={0}))"
     * @throws IllegalArgumentException when the template lacks {0}
     * @throws LDAPException when the template, with a login in place of {0}, is not a valid filter
     */
    public static LoginFilter parse(String template) throws LDAPException {
        Objects.requireNonNull(template, "template");
        if (!template.contains("{0}")) {
            throw new IllegalArgumentException("login filter must contain {0}: " + template);
        }
        Filter.create(template.replace("{0}", "x"));
        return new LoginFilter(template);
    }

    /** The filter that finds the entry of {@code login}. */
    public Filter forLogin(String login) {
        String text = template.replace("{0}", Filter.encodeValue(login));
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            // Only where {0} stands outside an assertion value, which parse() cannot rule out.
            throw new IllegalArgumentException("login filter is not a valid LDAP filter: " + template, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoginFilter that && template.equals(that.template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    /** The template, as configured. */
    @Override
    public String toString() {
        return template;
    }
}
