package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.galdav.core.SourceUnavailableException;

/**
 * The users of the directory: the entry a login names, found below the user base with the login filter
 * (the login escaped per RFC 4515, so it cannot change the filter), and searches among them. A login
 * that matches no entry, or several, names nobody. Thread-safe: immutable.
 *
 * @throws SourceUnavailableException from every method, when the directory cannot answer
 */
public final class UserEntries {
    /** Longer logins are refused unsearched: nobody has one, and they would only cost the directory. */
    private static final int MAX_LOGIN = 256;

    private final Directory directory;
    private final String base;
    private final LoginFilter loginFilter;
    private final String absent;

    public UserEntries(Directory directory, String base, LoginFilter loginFilter) {
        this.directory = directory;
        this.base = base;
        this.loginFilter = loginFilter;
        // Random per instance, so that nobody can create the entry in advance.
        this.absent = "cn=galdav-absent-" + UUID.randomUUID() + "," + base;
    }

    /** The user a login names, with these attributes; empty when no entry or several match. */
    public Optional<SearchResultEntry> find(String login, String... attributes) {
        List<SearchResultEntry> found = matching(login, attributes);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Whether a text can be a login at all; others are refused unsearched: empty, too long, or with control
     * characters (C0, DEL, C1, line and paragraph separators), which no directory's login holds.
     */
    static boolean isLogin(String login) {
        return !login.isEmpty() && login.length() <= MAX_LOGIN && login.chars().noneMatch(
                c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    /** A DN below the user base that no entry has: what a login that names nobody is bound as. */
    String absentDn() {
        return absent;
    }

    /** The entries a login matches, at most two (two are enough to know it is ambiguous). */
    List<SearchResultEntry> matching(String login, String... attributes) {
        List<SearchResultEntry> found = new ArrayList<>(2);
        if (!isLogin(login)) {
            return found;
        }
        directory.search(base, loginFilter.forLogin(login), attributes, entry -> {
            found.add(entry);
            return found.size() < 2;
        });
        return found;
    }

    /** Streams the users below the base that match a filter, until the handler stops. */
    void search(Filter filter, String[] attributes, EntryHandler handler) {
        directory.search(base, filter, attributes, handler);
    }

    /** The directory, for checking a user's password. */
    Directory directory() {
        return directory;
    }
}
