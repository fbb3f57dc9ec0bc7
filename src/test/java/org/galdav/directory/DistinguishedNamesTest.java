package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut for plain DNs gives exactly what parsing them gives. */
class DistinguishedNamesTest {
    private static final String PLAIN = "abcXYZ019=,.-_";

    @Test
    void plainDnsNormalizeAsTheSdkDoes() {
        Random random = new Random(42);
        int plain = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder dn = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                dn.append(PLAIN.charAt(random.nextInt(PLAIN.length())));
            }
            String s = dn.toString();
            assertThat(DistinguishedNames.normalized(s)).as(s).isEqualTo(bySdk(s));
            plain += DistinguishedNames.plain(s) ? 1 : 0;
        }
        assertThat(plain).as("DNs that took the shortcut").isGreaterThan(10_000);
        String real = "uid=User00042,ou=People,dc=demo,dc=galdav,dc=org";
        assertThat(DistinguishedNames.normalized(real)).isEqualTo(bySdk(real))
                .isEqualTo("uid=user00042,ou=people,dc=demo,dc=galdav,dc=org");
    }

    @Test
    void otherDnsAreParsed() {
        for (String dn : new String[] {"CN=Smith\\, John, OU=Sales,DC=example,DC=com", "cn=A+sn=B,dc=x",
                "cn=  two   spaces ,dc=x", "cn=#04024869,dc=x", "cn=Jürgen,dc=x", "cn=a=b,dc=x"}) {
            assertThat(DistinguishedNames.plain(dn)).isFalse();
            assertThat(DistinguishedNames.normalized(dn)).as(dn).isEqualTo(bySdk(dn));
        }
    }

    private static String bySdk(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn.toLowerCase(Locale.ROOT);
        }
    }
}
