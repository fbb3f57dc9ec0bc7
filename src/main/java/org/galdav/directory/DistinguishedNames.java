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
        if (plain(dn)) {
            // Nothing to unescape, trim or collapse: normalizing only lower-cases it (a listing normalizes
            // every entry's DN and each DN it names, and parsing them was an eighth of a cold listing).
            return dn.toLowerCase(Locale.ROOT);
        }
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

    /**
     * Only ASCII letters, digits and {@code , . - _}, and at most one {@code =} per RDN: no spaces, escapes,
     * quotes, multi-valued RDNs or values with an {@code =} (which would be escaped).
     */
    public static boolean plain(String dn) {
        boolean equalsSeen = false;
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == ',') {
                equalsSeen = false;
            } else if (c == '=') {
                if (equalsSeen) {
                    return false;
                }
                equalsSeen = true;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
