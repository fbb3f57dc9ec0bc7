package org.galdav.directory;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.core.Principal;
import org.galdav.core.PrincipalSearch;
import org.galdav.core.Principals;
import org.galdav.core.query.Collation;
import org.galdav.core.query.TextMatch;

/**
 * The directory's users as principals: looked up by login with the login filter, searched by name
 * or mail address for principal-property-search. Search values are escaped by the SDK's filter
 * factories, and each hit is re-checked case-insensitively (i;unicode-casemap) on the values shown.
 *
 * <p>Thread-safe: immutable. A directory that is down throws {@link org.galdav.core.SourceUnavailableException};
 * a login that matches no entry, or several, finds no principal.
 */
public final class LdapPrincipals implements Principals {
    private static final String[] ATTRIBUTES_BASE = {"displayName", "cn", "mail"};

    private final UserEntries users;
    private final String loginAttribute;
    private final Filter userFilter;

    /**
     * @param loginAttribute attribute holding the login name (uid, sAMAccountName)
     * @param userFilter     which entries are users, for searches
     */
    public LdapPrincipals(UserEntries users, String loginAttribute, Filter userFilter) {
        this.users = users;
        this.loginAttribute = loginAttribute;
        this.userFilter = userFilter;
    }

    /**
     * The principal whose name is exactly {@code login}: another spelling that the directory matches too
     * ({@code USER0005}, {@code user0005 }) finds nobody, so that every person has one principal URL.
     */
    @Override
    public Optional<Principal> find(String login) {
        return users.find(login, attributes()).map(entry -> principal(entry, login))
                .filter(principal -> principal.login().equals(login));
    }

    @Override
    public List<Principal> search(List<PrincipalSearch> conditions, boolean allOf, int limit) {
        if (conditions.isEmpty()) {
            return List.of();
        }
        List<Filter> parts = new ArrayList<>();
        for (PrincipalSearch condition : conditions) {
            parts.add(filter(condition));
        }
        Filter filter = Filter.createANDFilter(userFilter,
                allOf ? Filter.createANDFilter(parts) : Filter.createORFilter(parts));
        List<Principal> found = new ArrayList<>();
        users.search(filter, attributes(), entry -> {
            if (entry.getAttributeValue(loginAttribute) == null) {
                return true;
            }
            Principal principal = principal(entry, "");
            if (matches(principal, conditions, allOf)) {
                found.add(principal);
            }
            return found.size() < limit;
        });
        return found;
    }

    private static Filter filter(PrincipalSearch condition) {
        List<String> attributes = condition.field() == PrincipalSearch.Field.EMAIL
                ? List.of("mail") : List.of("displayName", "cn");
        List<Filter> any = new ArrayList<>();
        for (String attribute : attributes) {
            String text = condition.text();
            if (text.isEmpty()) {
                any.add(Filter.createPresenceFilter(attribute));
                continue;
            }
            switch (condition.matchType()) {
                case EQUALS: any.add(Filter.createEqualityFilter(attribute, text)); break;
                case STARTS_WITH: any.add(Filter.createSubstringFilter(attribute, text, null, null)); break;
                case ENDS_WITH: any.add(Filter.createSubstringFilter(attribute, null, null, text)); break;
                default: any.add(Filter.createSubstringFilter(attribute, null, new String[] {text}, null));
            }
        }
        return Filter.createORFilter(any);
    }

    private static boolean matches(Principal principal, List<PrincipalSearch> conditions, boolean allOf) {
        for (PrincipalSearch condition : conditions) {
            TextMatch match = new TextMatch(condition.text(), Collation.UNICODE_CASEMAP, condition.matchType(), false);
            List<String> values = condition.field() == PrincipalSearch.Field.EMAIL
                    ? principal.emails() : List.of(principal.displayName());
            boolean hit = values.stream().anyMatch(match::matches);
            if (hit != allOf) {
                return hit;
            }
        }
        return allOf;
    }

    /** The attributes a principal is made of ({@link #principal}). */
    String[] attributes() {
        List<String> names = new ArrayList<>(List.of(ATTRIBUTES_BASE));
        names.add(loginAttribute);
        return names.toArray(String[]::new);
    }

    /**
     * The principal of a user's entry, named by the entry's login attribute, whatever spelling of the login
     * found it (logins differing in case or spaces, or a mail address the login filter also accepts): one
     * person, one principal. {@code typed} names it only when the entry lacks the attribute.
     */
    Principal principal(Entry entry, String typed) {
        String login = Optional.ofNullable(entry.getAttributeValue(loginAttribute)).orElse(typed);
        String name = Optional.ofNullable(entry.getAttributeValue("displayName"))
                .or(() -> Optional.ofNullable(entry.getAttributeValue("cn"))).orElse(login);
        String[] mails = entry.getAttributeValues("mail");
        return new Principal(login, name, mails == null ? List.of() : List.of(mails), entry.getDN());
    }
}
