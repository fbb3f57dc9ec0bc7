package org.galdav.support;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import org.galdav.demo.DemoDirectory;

/**
 * A directory user whose names are markup, for the tests that check every page escapes directory values:
 * login and password {@link #LOGIN}, display name, cn and sn {@link #NAME}.
 */
public final class ScriptNamedUser {
    public static final String LOGIN = "mallory";
    public static final String NAME = "<script>alert(1)</script>";

    private ScriptNamedUser() {
    }

    /** Adds the user to a running demo directory. */
    public static void addTo(DemoDirectory ldap) throws LDAPException {
        Entry mallory = new Entry("uid=" + LOGIN + ",ou=People," + ldap.baseDn());
        mallory.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
        mallory.addAttribute("uid", LOGIN);
        mallory.addAttribute("cn", NAME);
        mallory.addAttribute("sn", NAME);
        mallory.addAttribute("displayName", NAME);
        mallory.addAttribute("userPassword", LOGIN);
        ldap.server().add(mallory);
    }
}
