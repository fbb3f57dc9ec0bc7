package org.galdav.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Locale;

/** One spelling per DN, so that DNs from entries, attribute values and change feeds compare as strings. */
public final class DistinguishedNames {
    private DistinguishedNames() {
    }

    /** RFC 4514 normalized form; a value that is not a DN is only lower-cased (it then matches nothing). */
    public static String normalized(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.toLowerCase(Locale.ROOT);
        }
    }

    /** Whether {@code dn} is {@code ancestor} or below it; false when either is not a DN. */
    public static boolean isAtOrBelow(String dn, String ancestor) {
        try {
            return new DN(dn).isDescendantOf(ancestor, true);
        } catch (LDAPException e) {
            return false;
        }
    }
}
