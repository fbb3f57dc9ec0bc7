package org.galdav.it.slapd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.galdav.it.FixtureChecks;
import org.galdav.it.FixtureChecks.PagedOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that the {@link Slapd} fixture gives the integration suite a server that behaves like
 * a typically configured directory: anonymous clients may only bind, users read, plain searches
 * are capped by the size limit while paged searches can list everything.
 */
final class SlapdIT {

    private static final String SUFFIX = "dc=example,dc=org";
    private static final String PEOPLE = "ou=people," + SUFFIX;
    private static final int SIZE_LIMIT = 5;
    private static final int PERSONS = 12;

    private static Slapd slapd;

    @BeforeAll
    static void startSlapd() throws Exception {
        assertThat(Slapd.available())
                .withFailMessage("/usr/sbin/slapd is not installed; the LDAP integration tests need the "
                        + "Debian packages 'slapd ldap-utils' (installed by .ci/run)")
                .isTrue();
        slapd = Slapd.start(new SlapdOptions(SUFFIX, SIZE_LIMIT, false));
        slapd.add(FixtureChecks.people(PEOPLE, PERSONS));
    }

    @AfterAll
    static void stopSlapd() {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static LDAPConnection connectAsUser(Slapd server, int i) throws LDAPException {
        return FixtureChecks.connectAsUser(server, PEOPLE, i);
    }

    private static String userDn(int i) {
        return FixtureChecks.userDn(PEOPLE, i);
    }

    private static SearchRequest allPersons() throws LDAPException {
        return new SearchRequest(PEOPLE, SearchScope.SUB, "(objectClass=inetOrgPerson)", "uid", "userPassword");
    }

    @Test
    void answersOnLoopbackAndRootCanSeeEverything() throws Exception {
        assertThat(slapd.url()).isEqualTo("ldap://127.0.0.1:" + slapd.port());
        assertThat(slapd.rootDn()).isEqualTo("cn=admin," + SUFFIX);
        try (LDAPConnection root = slapd.connectAsRoot()) {
            assertThat(root.getEntry(SUFFIX)).isNotNull(); // created by start()
            // The root DN ignores size limits.
            SearchResult all = root.search(allPersons());
            assertThat(all.getEntryCount()).isEqualTo(PERSONS);
            assertThat(all.getSearchEntries().get(0).hasAttribute("userPassword")).isTrue();
        }
    }

    @Test
    void userBindsWithItsPasswordAndWrongPasswordIsRejected() throws Exception {
        try (LDAPConnection c = connectAsUser(slapd, 3)) {
            assertThat(c.isConnected()).isTrue();
        }
        try (LDAPConnection c = slapd.connect()) {
            FixtureChecks.assertInvalidCredentials(c, userDn(3), "wrong");
        }
    }

    @Test
    void anonymousCanOnlyBind() throws Exception {
        try (LDAPConnection anonymous = slapd.connect()) {
            for (String base : List.of(SUFFIX, PEOPLE)) {
                SearchResult result = FixtureChecks.searchAllowingFailure(anonymous,
                        new SearchRequest(base, SearchScope.SUB, "(objectClass=*)"));
                assertThat(result.getSearchEntries()).as("entries visible anonymously below %s", base).isEmpty();
                // The ACL does not even disclose that the base exists.
                assertThat(result.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
            }
        }
    }

    @Test
    void usersReadEntriesButNotPasswords() throws Exception {
        try (LDAPConnection c = connectAsUser(slapd, 1)) {
            SearchResultEntry entry = c.getEntry(userDn(2), "*");
            assertThat(entry).isNotNull();
            assertThat(entry.getAttributeValue("mail")).isEqualTo("user02@example.org");
            assertThat(entry.hasAttribute("userPassword")).isFalse();
        }
    }

    @Test
    void plainSearchIsCappedAtTheSizeLimit() throws Exception {
        try (LDAPConnection c = connectAsUser(slapd, 1)) {
            FixtureChecks.assertCappedAt(c, allPersons(), SIZE_LIMIT);
        }
    }

    @Test
    void pagedSearchReturnsEveryEntryDespiteTheSizeLimit() throws Exception {
        try (LDAPConnection c = connectAsUser(slapd, 1)) {
            for (int pageSize : new int[] {2, SIZE_LIMIT, PERSONS * 2}) {
                PagedOutcome outcome = FixtureChecks.pagedSearch(c, allPersons(), pageSize);
                assertThat(outcome.entries()).as("page size %d", pageSize).hasSize(PERSONS);
                assertThat(outcome.entries()).extracting(SearchResultEntry::getDN).doesNotHaveDuplicates();
                assertThat(outcome.pageCodes()).containsOnly(ResultCode.SUCCESS);
            }
        }
    }

    /**
     * OpenLDAP's default semantics of a plain {@code sizelimit N}: the paged search's total is
     * capped at N as well (the product must cope with such directories too).
     */
    @Test
    void plainSizelimitAlsoCapsPagedSearches() throws Exception {
        try (Slapd strict = Slapd.start(new SlapdOptions(SUFFIX, SIZE_LIMIT, false), false)) {
            strict.add(FixtureChecks.people(PEOPLE, PERSONS));
            try (LDAPConnection c = connectAsUser(strict, 1)) {
                PagedOutcome outcome = FixtureChecks.pagedSearch(c, allPersons(), 2);
                assertThat(outcome.entries()).hasSize(SIZE_LIMIT);
                assertThat(outcome.last()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
            }
        }
    }

    @Test
    void syncprovAndUnlimitedSizeLimit() throws Exception {
        try (Slapd sync = Slapd.start(new SlapdOptions("o=sync test", 0, true))) {
            try (LDAPConnection root = sync.connectAsRoot()) {
                RootDSE dse = root.getRootDSE();
                assertThat(dse.supportsControl("1.3.6.1.4.1.4203.1.9.1.1")) // RFC 4533 sync request
                        .as("syncprov loaded").isTrue();
                assertThat(root.getEntry("o=sync test", "entryCSN", "entryUUID").hasAttribute("entryCSN")).isTrue();
            }
            List<Entry> many = new ArrayList<>();
            many.add(new Entry("ou=people,o=sync test",
                    new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "people")));
            for (int i = 1; i <= 510; i++) { // more than OpenLDAP's default limit of 500
                many.add(new Entry("uid=u" + i + ",ou=people,o=sync test",
                        new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "u" + i),
                        new Attribute("cn", "U " + i), new Attribute("sn", "U"), new Attribute("userPassword", "pw")));
            }
            sync.add(many);
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", sync.port(), "uid=u1,ou=people,o=sync test", "pw")) {
                SearchResult all = c.search("ou=people,o=sync test", SearchScope.ONE, "(objectClass=inetOrgPerson)", "1.1");
                assertThat(all.getEntryCount()).isEqualTo(510);
            }
        }
    }

    @Test
    void closeStopsTheServerAndRemovesItsDirectory() throws Exception {
        FixtureChecks.assertCloseStopsTheServerAndRemovesItsDirectory(
                Slapd.start(new SlapdOptions("dc=close,dc=test", 0, false)), "slapd", s -> {
                    long pid = Long.parseLong(Files.readString(s.directory().resolve("slapd.pid")).trim());
                    assertThat(pid).as("the pid slapd wrote").isEqualTo(s.pid());
                });
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> new SlapdOptions(" ", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlapdOptions(SUFFIX, -1, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
