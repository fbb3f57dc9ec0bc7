package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import org.galdav.core.AddressBlock;
import org.galdav.core.Principal;
import org.galdav.core.TimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LdapAuthenticator}: a login that names nobody costs the directory exactly what a wrong password costs
 * (counted in LDAP operations, so the test needs no clock), and the principal is named by the entry, however
 * the login was spelled.
 */
class LoginCostTest {
    private static final AddressBlock CLIENT = new AddressBlock("192.0.2.1");
    private static final int TRIES = 50;

    private TestLdap ldap;
    private Directory directory;
    private LdapPrincipals principals;
    private LdapAuthenticator authenticator;

    @BeforeEach
    void start() throws LDAPException {
        ldap = TestLdap.start(5, 0);
        directory = Directory.connect(ldap.settings(2, 100), SearchObserver.NONE, TimeSource.SYSTEM);
        UserEntries users = new UserEntries(directory, TestLdap.PEOPLE, LoginFilter.parse("(uid={0})"));
        principals = new LdapPrincipals(users, "uid", Filter.create("(objectClass=inetOrgPerson)"));
        authenticator = new LdapAuthenticator(users, principals);
    }

    @AfterEach
    void stop() {
        directory.close();
        ldap.close();
    }

    @Test
    void anUnknownLoginCostsTheSameSearchesAndBindsAsAWrongPassword() {
        authenticator.authenticate("ada", "warm-up", CLIENT); // opens the pool's connections
        int[] wrongPassword = cost(() -> authenticator.authenticate("ada", "wrong", CLIENT).isEmpty());
        int[] unknownLogin = cost(() -> authenticator.authenticate("nobody", "wrong", CLIENT).isEmpty());
        int[] filterCharacters = cost(() -> authenticator.authenticate("*", "wrong", CLIENT).isEmpty());

        assertThat(wrongPassword[0]).as("searches").isEqualTo(TRIES);
        assertThat(wrongPassword[1]).as("binds: the user's, then the service account's again").isEqualTo(2 * TRIES);
        assertThat(unknownLogin).containsExactly(wrongPassword);
        assertThat(filterCharacters).containsExactly(wrongPassword);
        assertThat(ldap.binds()).as("nobody is ever bound as an existing entry for an unknown login")
                .filteredOn(dn -> dn.startsWith("cn=galdav-absent-")).hasSize(2 * TRIES);
    }

    @Test
    void thePrincipalIsNamedByTheEntryWhateverSpellingFoundIt() {
        for (String spelling : new String[] {"ada", "ADA", "ada ", " Ada"}) {
            Principal principal = authenticator.authenticate(spelling, TestLdap.USER_PASSWORD, CLIENT).orElseThrow();
            assertThat(principal.login()).as(spelling).isEqualTo("ada");
            assertThat(principal.dn()).isEqualTo(TestLdap.USER_DN);
        }
        assertThat(principals.find("ada")).map(Principal::login).contains("ada");
        assertThat(principals.find("ADA")).as("one principal URL per person").isEmpty();
        assertThat(principals.find("ada ")).isEmpty();
    }

    @Test
    void loginsWithControlCharactersAreRefusedUnsearched() {
        int searches = ldap.searches();
        for (String login : new String[] {"ada\n", "ada\r\nx", "ada\u0000", "ada\u0085", "ada\u2028"}) {
            assertThat(authenticator.authenticate(login, TestLdap.USER_PASSWORD, CLIENT)).as(login).isEmpty();
        }
        assertThat(ldap.searches()).isEqualTo(searches);
    }

    /** Searches and binds the directory received for {@link #TRIES} checks that must each fail. */
    private int[] cost(java.util.function.BooleanSupplier failedCheck) {
        int searches = ldap.searches();
        int binds = ldap.binds().size();
        for (int i = 0; i < TRIES; i++) {
            assertThat(failedCheck.getAsBoolean()).isTrue();
        }
        return new int[] {ldap.searches() - searches, ldap.binds().size() - binds};
    }
}
