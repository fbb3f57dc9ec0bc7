package org.galdav.it.ds389;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.galdav.it.FixtureChecks;
import org.galdav.it.FixtureChecks.PagedOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that the {@link Ds389} fixture gives the integration suite a 389 Directory Server that
 * behaves like a typically configured one, and pins down the 389-DS behaviour galdav depends on:
 * ACIs, entryUUID, size limits and how they apply to paged searches.
 */
final class Ds389IT {

    private static final String SUFFIX = "dc=example,dc=org";
    private static final String PEOPLE = "ou=people," + SUFFIX;
    private static final int SIZE_LIMIT = 5;
    private static final int PERSONS = 12;
    private static final Pattern RFC4122 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String CHOSEN_UUID = "11111111-2222-4333-8444-555555555555";

    private static Ds389 ds;
    private static long startMillis;

    @BeforeAll
    static void startDs389() throws Exception {
        assertThat(Ds389.available())
                .withFailMessage("389 Directory Server is not installed (/usr/sbin/dscreate, /usr/sbin/ns-slapd); the "
                        + "389-DS integration tests need the Debian package '389-ds-base' (installed by .ci/run)")
                .isTrue();
        long t0 = System.nanoTime();
        ds = Ds389.start(SUFFIX, SIZE_LIMIT);
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("389-DS instance " + ds.instanceName() + " started in " + startMillis + " ms on " + ds.url());
        ds.add(directory());
    }

    @AfterAll
    static void stopDs389() {
        if (ds != null) {
            ds.close();
        }
    }

    /** The people of {@link FixtureChecks#people}, the last one with an entryUUID of its own choosing. */
    private static List<Entry> directory() {
        List<Entry> entries = FixtureChecks.people(PEOPLE, PERSONS);
        // accepted, but replaced (see entryUuidIsGenerated...)
        entries.get(entries.size() - 1).addAttribute("entryUUID", CHOSEN_UUID);
        return entries;
    }

    private static String userDn(int i) {
        return FixtureChecks.userDn(PEOPLE, i);
    }

    private static LDAPConnection connectAsUser(int i) throws LDAPException {
        return FixtureChecks.connectAsUser(ds, PEOPLE, i);
    }

    private static SearchRequest allPersons() {
        return allPersons(Filter.createEqualityFilter("objectClass", "inetOrgPerson"));
    }

    private static SearchRequest allPersons(Filter filter) {
        return new SearchRequest(PEOPLE, SearchScope.SUB, filter, "uid", "entryUUID");
    }

    private static PagedOutcome pagedSearch(LDAPConnection c, int pageSize) throws LDAPException {
        return FixtureChecks.pagedSearch(c, allPersons(), pageSize);
    }

    private static void setConfig(String attribute, String value) throws Exception {
        try (LDAPConnection root = ds.connectAsRoot()) {
            root.modify("cn=config", new Modification(ModificationType.REPLACE, attribute, value));
        }
    }

    @Test
    void startsWithinHalfAMinuteOnLoopbackAndRootSeesEverything() throws Exception {
        assertThat(startMillis).isLessThan(30_000);
        assertThat(ds.url()).isEqualTo("ldap://127.0.0.1:" + ds.port());
        assertThat(ds.rootDn()).isEqualTo("cn=Directory Manager");
        try (LDAPConnection root = ds.connectAsRoot()) {
            SearchResultEntry suffix = root.getEntry(SUFFIX, "aci");
            assertThat(suffix).as("suffix entry created by start()").isNotNull();
            assertThat(suffix.getAttributeValues("aci")).containsExactly(Ds389.READ_ACI);
            // The root DN ignores size limits and ACIs; passwords are stored hashed.
            SearchResult all = root.search(PEOPLE, SearchScope.SUB, "(objectClass=inetOrgPerson)", "userPassword");
            assertThat(all.getEntryCount()).isEqualTo(PERSONS);
            assertThat(all.getSearchEntries().get(0).getAttributeValue("userPassword")).startsWith("{PBKDF2");
        }
    }

    @Test
    void userBindsWithItsPasswordAndWrongPasswordIsRejected() throws Exception {
        try (LDAPConnection c = connectAsUser(3)) {
            assertThat(c.isConnected()).isTrue();
            assertThat(c.processExtendedOperation(new WhoAmIExtendedRequest())
                    .getResultCode()).isEqualTo(ResultCode.SUCCESS);
        }
        try (LDAPConnection c = ds.connect()) {
            FixtureChecks.assertInvalidCredentials(c, userDn(3), "wrong");
            FixtureChecks.assertInvalidCredentials(c, "uid=nobody," + PEOPLE, "whatever");
        }
    }

    @Test
    void anonymousSeesNothing() throws Exception {
        try (LDAPConnection anonymous = ds.connect()) {
            for (String base : List.of(SUFFIX, PEOPLE)) {
                SearchResult result = FixtureChecks.searchAllowingFailure(anonymous,
                        new SearchRequest(base, SearchScope.SUB, "(objectClass=*)"));
                assertThat(result.getSearchEntries()).as("entries visible anonymously below %s", base).isEmpty();
            }
        }
    }

    @Test
    void usersReadEntriesAndIdsButNotPasswords() throws Exception {
        try (LDAPConnection c = connectAsUser(1)) {
            SearchResultEntry entry = c.getEntry(userDn(2), "*", "entryUUID", "nsUniqueId");
            assertThat(entry).isNotNull();
            assertThat(entry.getAttributeValue("mail")).isEqualTo("user02@example.org");
            assertThat(entry.hasAttribute("userPassword")).isFalse();
            // entryUUID (entryuuid plugin, on by default) is RFC 4122 text; nsUniqueId is not.
            assertThat(entry.getAttributeValue("entryUUID")).matches(RFC4122);
            assertThat(entry.getAttributeValue("nsUniqueId")).matches("[0-9a-f]{8}(-[0-9a-f]{8}){3}");
            // Operational: only returned when asked for.
            assertThat(c.getEntry(userDn(2)).hasAttribute("entryUUID")).isFalse();
        }
    }

    @Test
    void entryUuidIsGeneratedEvenWhenTheClientSuppliesOne() throws Exception {
        try (LDAPConnection c = connectAsUser(1)) {
            String uuid = c.getEntry(userDn(PERSONS), "entryUUID").getAttributeValue("entryUUID");
            assertThat(uuid).matches(RFC4122).isNotEqualTo(CHOSEN_UUID);
            // Equality match on entryUUID (how galdav finds a card by its URL).
            SearchResult byUuid = c.search(PEOPLE, SearchScope.SUB, Filter.createEqualityFilter("entryUUID", uuid), "uid");
            assertThat(byUuid.getSearchEntries()).extracting(e -> e.getAttributeValue("uid"))
                    .containsExactly(String.format("user%02d", PERSONS));
        }
    }

    /** galdav's UuidRanges splits searches with ordering filters on entryUUID (UUIDOrderingMatch). */
    @Test
    void entryUuidOrderingFiltersPartitionTheEntries() throws Exception {
        try (LDAPConnection root = ds.connectAsRoot(); LDAPConnection c = connectAsUser(1)) {
            List<String> uuids = root.search(PEOPLE, SearchScope.SUB, "(objectClass=inetOrgPerson)", "entryUUID")
                    .getSearchEntries().stream().map(e -> e.getAttributeValue("entryUUID")).sorted().toList();
            String pivot = uuids.get(uuids.size() / 2);
            Filter atLeast = Filter.createGreaterOrEqualFilter("entryUUID", pivot);
            Filter below = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "inetOrgPerson"),
                    Filter.createNOTFilter(atLeast));
            Filter upper = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "inetOrgPerson"), atLeast);
            int low = FixtureChecks.pagedSearch(c, allPersons(below), 2).entries().size();
            int high = FixtureChecks.pagedSearch(c, allPersons(upper), 2).entries().size();
            assertThat(low).isEqualTo(uuids.size() / 2);
            assertThat(low + high).isEqualTo(PERSONS);
        }
    }

    @Test
    void plainSearchIsCappedAtTheSizeLimit() throws Exception {
        try (LDAPConnection c = connectAsUser(1)) {
            FixtureChecks.assertCappedAt(c, allPersons(), SIZE_LIMIT);
        }
    }

    /**
     * 389-DS does not cap the total of a paged search, but each page: a page size below the size
     * limit lists every entry; a page size at or above it ends the search on its first page with
     * sizeLimitExceeded after "limit" entries (even a page size equal to the limit).
     */
    @Test
    void pagedSearchListsEverythingOnlyWithPagesBelowTheSizeLimit() throws Exception {
        try (LDAPConnection c = connectAsUser(1)) {
            for (int pageSize : new int[] {1, 2, SIZE_LIMIT - 1}) {
                PagedOutcome outcome = pagedSearch(c, pageSize);
                assertThat(outcome.entries()).as("page size %d", pageSize).hasSize(PERSONS);
                assertThat(outcome.entries()).extracting(SearchResultEntry::getDN).doesNotHaveDuplicates();
                assertThat(outcome.pageCodes()).containsOnly(ResultCode.SUCCESS);
            }
            for (int pageSize : new int[] {SIZE_LIMIT, SIZE_LIMIT + 1, PERSONS * 2}) {
                PagedOutcome outcome = pagedSearch(c, pageSize);
                assertThat(outcome.entries()).as("page size %d", pageSize).hasSize(SIZE_LIMIT);
                assertThat(outcome.pageCodes()).containsExactly(ResultCode.SIZE_LIMIT_EXCEEDED);
            }
        }
    }

    /**
     * {@code nsslapd-pagedsizelimit}, when not 0, replaces the size limit for paged searches, with
     * the same per-page semantics; plain searches keep {@code nsslapd-sizelimit}.
     */
    @Test
    void pagedSizeLimitReplacesTheSizeLimitForPagedSearches() throws Exception {
        try (LDAPConnection c = connectAsUser(1)) {
            setConfig("nsslapd-pagedsizelimit", "100");
            PagedOutcome large = pagedSearch(c, PERSONS * 2);
            assertThat(large.entries()).hasSize(PERSONS);
            assertThat(large.pageCodes()).containsExactly(ResultCode.SUCCESS);
            assertThat(FixtureChecks.searchAllowingFailure(c, allPersons()).getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);

            setConfig("nsslapd-pagedsizelimit", "3");
            assertThat(pagedSearch(c, 2).entries()).hasSize(PERSONS);
            PagedOutcome atLimit = pagedSearch(c, 3);
            assertThat(atLimit.entries()).hasSize(3);
            assertThat(atLimit.pageCodes()).containsExactly(ResultCode.SIZE_LIMIT_EXCEEDED);
        } finally {
            setConfig("nsslapd-pagedsizelimit", "0");
        }
    }

    @Test
    void otherSuffixDefaultLimitAndCloseStopsTheServerAndRemovesEverything() throws Exception {
        Ds389 s = Ds389.start("o=Close Test", 0);
        String instance = s.instanceName();
        FixtureChecks.assertCloseStopsTheServerAndRemovesItsDirectory(s, "ns-slapd", running -> {
            // A suffix entry brought by the caller replaces the automatic one and gets the read ACI.
            running.add(List.of(new Entry("o=Close Test", new Attribute("objectClass", "top", "organization"),
                            new Attribute("o", "Close Test"), new Attribute("description", "from the test")),
                    new Entry("uid=u1,o=Close Test", new Attribute("objectClass", "inetOrgPerson"),
                            new Attribute("uid", "u1"), new Attribute("cn", "U 1"), new Attribute("sn", "U"),
                            new Attribute("userPassword", "pw-u1"))));
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", running.port(), "uid=u1,o=Close Test", "pw-u1")) {
                assertThat(c.getEntry("o=Close Test").getAttributeValue("description")).isEqualTo("from the test");
                assertThat(c.getRootDSE().getAttributeValue("vendorVersion")).startsWith("389-Directory/");
            }
            try (LDAPConnection root = running.connectAsRoot()) {
                assertThat(root.getEntry("cn=config", "nsslapd-sizelimit").getAttributeValue("nsslapd-sizelimit"))
                        .isEqualTo("2000"); // the server default
            }
        });

        assertThat(Path.of("/dev/shm/sem.slapd-" + instance + ".stats")).doesNotExist();
        assertThat(Files.exists(Path.of("/etc/dirsrv/slapd-" + instance))).isFalse();
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> Ds389.start(SUFFIX, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ds389.start("not a dn", 0)).isInstanceOf(LDAPException.class);
    }
}
