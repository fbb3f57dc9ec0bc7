package org.galdav.it.samba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.galdav.it.FixtureChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the {@link SambaAd} fixture and records how Samba's AD LDAP server behaves in the
 * respects that matter to galdav (objectGUID, userAccountControl, extensible match, size limits,
 * ranged retrieval, search references). Fails where Samba is not installed or the JVM is not root (.ci/run installs it).
 */
final class SambaAdIT {

    private static final String PEOPLE = "OU=People," + SambaAd.BASE_DN;
    private static final String READER_PASSWORD = "Rd7-reader-password";
    private static final String READER_DN = "CN=Reader,CN=Users," + SambaAd.BASE_DN;

    private static SambaAd samba;

    @BeforeAll
    static void startSamba() throws Exception {
        if (!SambaAd.available()) {
            throw new AssertionError("Samba AD cannot run here: " + SambaAd.unavailableReason()
                    + " (.ci/run installs samba-ad-dc; the tests must run as root for port 389)");
        }
        long t0 = System.nanoTime();
        samba = SambaAd.start();
        System.out.printf("SambaAd started in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, samba.url());
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            admin.add(new Entry(PEOPLE, new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "People")));
            admin.add(user(READER_DN, "reader", "Reader", 512, READER_PASSWORD));
        }
    }

    @AfterAll
    static void stopSamba() {
        if (samba != null) {
            samba.close();
        }
    }

    private static Entry user(String dn, String sam, String sn, int userAccountControl, String password) {
        Entry e = new Entry(dn,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", sam),
                new Attribute("sn", sn),
                new Attribute("userAccountControl", Integer.toString(userAccountControl)));
        if (password != null) {
            e.addAttribute(new Attribute("unicodePwd", SambaAd.unicodePwd(password)));
        }
        return e;
    }

    private static LDAPConnection connectAsReader() throws LDAPException {
        LDAPConnection c = samba.connect();
        c.bind(READER_DN, READER_PASSWORD);
        return c;
    }

    /** {@code objectGUID} bytes as a UUID the way Windows prints GUIDs (first three fields little-endian). */
    private static UUID windowsGuid(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long high = ((long) le.getInt(0) << 32) | ((le.getShort(4) & 0xffffL) << 16) | (le.getShort(6) & 0xffffL);
        long low = ByteBuffer.wrap(b, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(high, low);
    }

    @Test
    void answersOnAPrivateLoopbackAddressAndTheAdministratorBinds() throws Exception {
        assertThat(samba.url()).matches("ldap://127\\.\\d+\\.\\d+\\.\\d+:389").doesNotContain("127.0.0.1:");
        assertThat(samba.port()).isEqualTo(389);
        assertThat(samba.adminDn()).isEqualTo("CN=Administrator,CN=Users,DC=galdav,DC=test");
        assertThat(samba.adminPassword()).isNotEqualTo(SambaAd.TEMPLATE_ADMIN_PASSWORD);
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            RootDSE dse = admin.getRootDSE();
            assertThat(dse.getAttributeValue("defaultNamingContext")).isEqualTo(samba.baseDn());
            assertThat(dse.getAttributeValue("dnsHostName")).isEqualToIgnoringCase("dc1.galdav.test");
            assertThat(dse.supportsControl(SimplePagedResultsControl.PAGED_RESULTS_OID)).isTrue();
        }
        // AD also accepts a UPN as the bind name.
        try (LDAPConnection c = samba.connect()) {
            c.bind("Administrator@" + SambaAd.REALM, samba.adminPassword());
        }
        try (LDAPConnection c = samba.connect()) {
            assertThatThrownBy(() -> c.bind(samba.adminDn(), SambaAd.TEMPLATE_ADMIN_PASSWORD))
                    .isInstanceOfSatisfying(LDAPException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                        assertThat(e.getDiagnosticMessage()).contains("data 52e"); // AD's "bad password" sub-code
                    });
        }
        try (LDAPConnection c = samba.connectLdapsAsAdmin()) {
            assertThat(c.getEntry(samba.baseDn())).isNotNull();
        }
    }

    @Test
    void addsAUserWithAPasswordOverPlainLdapAndReadsItsObjectGuid() throws Exception {
        String dn = "CN=Alice Example," + PEOPLE;
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            // Samba accepts unicodePwd over unencrypted LDAP from the Administrator (Windows AD would not).
            Entry alice = user(dn, "alice", "Example", 512, "Al1ce-secret!");
            alice.addAttribute("givenName", "Alice");
            alice.addAttribute("mail", "alice@galdav.test");
            admin.add(alice);
        }
        try (LDAPConnection c = samba.connect()) {
            c.bind("alice@" + SambaAd.REALM, "Al1ce-secret!");
        }
        try (LDAPConnection c = connectAsReader()) {
            SearchResult result = c.search(SambaAd.BASE_DN, SearchScope.SUB, "(&(objectClass=user)(sAMAccountName=alice))",
                    "objectGUID", "userAccountControl", "mail", "whenChanged", "memberOf", "primaryGroupID");
            assertThat(result.getSearchEntries()).hasSize(1);
            SearchResultEntry entry = result.getSearchEntries().get(0);
            assertThat(entry.getDN()).isEqualTo(dn);
            assertThat(entry.getAttributeValue("mail")).isEqualTo("alice@galdav.test");
            assertThat(entry.getAttributeValueAsInteger("userAccountControl")).isEqualTo(512);
            assertThat(entry.getAttributeValueAsInteger("primaryGroupID")).isEqualTo(513); // Domain Users
            assertThat(entry.hasAttribute("memberOf")).isFalse(); // the primary group is never listed
            assertThat(entry.getAttributeValue("whenChanged")).matches("\\d{14}\\.0Z");
            byte[] guid = entry.getAttributeValueBytes("objectGUID");
            assertThat(guid).hasSize(16);

            // The extended-DN control shows the GUID's string form: Windows byte order.
            SearchRequest extended = new SearchRequest(dn, SearchScope.BASE, "(objectClass=*)", "1.1");
            extended.addControl(new com.unboundid.ldap.sdk.Control("1.2.840.113556.1.4.529", true,
                    new ASN1OctetString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})));
            String extendedDn = c.search(extended).getSearchEntries().get(0).getDN();
            assertThat(extendedDn).startsWith("<GUID=" + windowsGuid(guid) + ">;<SID=S-1-5-21-");
        }
    }

    @Test
    void setsAPasswordOverLdapsAndCreatesUsersWithSambaTool() throws Exception {
        try (LDAPConnection admin = samba.connectLdapsAsAdmin()) {
            admin.add(user("CN=Bob Example," + PEOPLE, "bob", "Example", 512, "B0b-secret!"));
        }
        try (LDAPConnection c = samba.connect()) {
            c.bind("CN=Bob Example," + PEOPLE, "B0b-secret!");
        }
        String out = samba.sambaTool("user", "create", "carol", "C4rol-secret!", "--given-name=Carol",
                "--surname=Tool", "--mail-address=carol@galdav.test", "--userou=OU=People");
        assertThat(out).contains("User 'carol' added successfully");
        try (LDAPConnection c = samba.connect()) {
            c.bind("carol@" + SambaAd.REALM, "C4rol-secret!");
            SearchResultEntry carol = c.getEntry("CN=Carol Tool," + PEOPLE, "userAccountControl", "mail", "objectGUID");
            assertThat(carol).isNotNull();
            assertThat(carol.getAttributeValueAsInteger("userAccountControl")).isEqualTo(512);
            assertThat(carol.getAttributeValue("mail")).isEqualTo("carol@galdav.test");
            assertThat(carol.getAttributeValueBytes("objectGUID")).hasSize(16);
        }
    }

    @Test
    void disabledUsersCarryBit2AndTheBitwiseMatchingRuleWorks() throws Exception {
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            admin.add(user("CN=Dave Disabled," + PEOPLE, "dave", "Disabled", 512, null));
            admin.modify("CN=Dave Disabled," + PEOPLE,
                    new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
            admin.add(user("CN=Erin Enabled," + PEOPLE, "erin", "Disabled", 512, null));
            // Without userAccountControl, AD creates the account disabled: 546 = 512 | 32 | 2.
            admin.add(new Entry("CN=Fred Default," + PEOPLE,
                    new Attribute("objectClass", "user"), new Attribute("sAMAccountName", "fred"),
                    new Attribute("sn", "Disabled")));
        }
        try (LDAPConnection c = connectAsReader()) {
            assertThat(c.getEntry("CN=Dave Disabled," + PEOPLE, "userAccountControl")
                    .getAttributeValueAsInteger("userAccountControl")).isEqualTo(514);
            assertThat(c.getEntry("CN=Fred Default," + PEOPLE, "userAccountControl")
                    .getAttributeValueAsInteger("userAccountControl")).isEqualTo(546);
            assertThat(sams(c, "(&(objectClass=user)(sn=Disabled)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))"))
                    .containsExactly("erin");
            assertThat(sams(c, "(&(objectClass=user)(sn=Disabled)(userAccountControl:1.2.840.113556.1.4.803:=2))"))
                    .containsExactlyInAnyOrder("dave", "fred");
        }
    }

    private static List<String> sams(LDAPConnection c, String filter) throws LDAPException {
        return c.search(PEOPLE, SearchScope.SUB, filter, "sAMAccountName").getSearchEntries().stream()
                .map(e -> e.getAttributeValue("sAMAccountName")).toList();
    }

    @Test
    void storesPhotosProxyAddressesAndMaintainsMemberOf() throws Exception {
        byte[] photo = new byte[4096];
        new Random(42).nextBytes(photo);
        String dn = "CN=Gina Photo," + PEOPLE;
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            Entry gina = user(dn, "gina", "Photo", 512, null);
            gina.addAttribute(new Attribute("thumbnailPhoto", photo));
            gina.addAttribute("proxyAddresses", "SMTP:gina@galdav.test", "smtp:g.photo@galdav.test");
            admin.add(gina);
            admin.add(new Entry("CN=Photographers," + PEOPLE, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "photographers"), new Attribute("member", dn),
                    new Attribute("mail", "photographers@galdav.test")));
        }
        try (LDAPConnection c = connectAsReader()) {
            SearchResultEntry e = c.getEntry(dn, "thumbnailPhoto", "proxyAddresses", "memberOf");
            assertThat(e.getAttributeValueBytes("thumbnailPhoto")).isEqualTo(photo);
            assertThat(e.getAttributeValues("proxyAddresses"))
                    .containsExactlyInAnyOrder("SMTP:gina@galdav.test", "smtp:g.photo@galdav.test");
            assertThat(e.getAttributeValues("memberOf")).containsExactly("CN=Photographers," + PEOPLE);
            SearchResultEntry group = c.getEntry("CN=Photographers," + PEOPLE, "groupType", "member");
            assertThat(group.getAttributeValueAsInteger("groupType")).isEqualTo(-2147483646); // global security group
            assertThat(group.getAttributeValues("member")).containsExactly(dn);
        }
    }

    /** A subtree search from the domain root ends with a continuation reference to the configuration partition. */
    @Test
    void subtreeSearchFromTheRootReturnsASearchReference() throws Exception {
        try (LDAPConnection c = connectAsReader()) {
            SearchResult result = c.search(SambaAd.BASE_DN, SearchScope.SUB, "(sAMAccountName=reader)", "1.1");
            assertThat(result.getResultCode()).isEqualTo(ResultCode.SUCCESS);
            assertThat(result.getEntryCount()).isEqualTo(1);
            assertThat(result.getSearchReferences()).extracting(SearchResultReference::getReferralURLs)
                    .containsExactly(new String[] {"ldap://galdav.test/CN=Configuration,DC=galdav,DC=test"});
        }
    }

    /**
     * Samba enforces no server-side size limit (unlike AD's MaxPageSize 1000), ignores the
     * client's size limit, honours any page size, and never forces ranged retrieval of large
     * multi-valued attributes, although it answers explicit {@code member;range=...} requests.
     */
    @Test
    void largeSearchesAndRangedRetrieval() throws Exception {
        int count = 1600;
        String ou = "OU=Many," + SambaAd.BASE_DN;
        List<String> members = new ArrayList<>();
        long t0 = System.nanoTime();
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            admin.add(new Entry(ou, new Attribute("objectClass", "organizationalUnit")));
            for (int i = 0; i < count; i++) {
                String dn = String.format("CN=Contact %04d,%s", i, ou);
                admin.add(new Entry(dn, new Attribute("objectClass", "contact"), new Attribute("sn", "Many"),
                        new Attribute("mail", "c" + i + "@galdav.test")));
                members.add(dn);
            }
            admin.add(new Entry("CN=Big," + ou, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "big"), new Attribute("member", members)));
        }
        System.out.printf("added %d contacts and a group in %d ms%n", count, (System.nanoTime() - t0) / 1_000_000);

        try (LDAPConnection c = connectAsReader()) {
            SearchRequest all = new SearchRequest(ou, SearchScope.ONE, "(objectClass=contact)", "mail");
            assertThat(c.search(all).getEntryCount()).as("unpaged, no server limit").isEqualTo(count);

            SearchRequest capped = new SearchRequest(ou, SearchScope.ONE, "(objectClass=contact)", "mail");
            capped.setSizeLimit(10);
            SearchResult cappedResult = FixtureChecks.searchAllowingFailure(c, capped);
            System.out.printf("client size limit 10: %s, %d entries%n", cappedResult.getResultCode(),
                    cappedResult.getEntryCount());
            assertThat(cappedResult.getEntryCount()).as("client size limit ignored").isEqualTo(count);
            assertThat(cappedResult.getResultCode()).isEqualTo(ResultCode.SUCCESS);

            List<Integer> pages = new ArrayList<>();
            ASN1OctetString cookie = null;
            do {
                SearchRequest page = new SearchRequest(ou, SearchScope.ONE, "(objectClass=contact)", "1.1");
                page.addControl(new SimplePagedResultsControl(1500, cookie, true));
                SearchResult result = c.search(page);
                pages.add(result.getEntryCount());
                cookie = SimplePagedResultsControl.get(result).getCookie();
            } while (cookie != null && cookie.getValueLength() > 0);
            assertThat(pages).as("page size 1500 honoured").containsExactly(1500, count - 1500);

            SearchResultEntry plain = c.getEntry("CN=Big," + ou, "member");
            assertThat(plain.getAttributeValues("member")).as("plain member: all values").hasSize(count);

            SearchResultEntry first = c.getEntry("CN=Big," + ou, "member;range=0-1499");
            assertThat(first.getAttributes()).extracting(Attribute::getName).containsExactly("member;range=0-1499");
            assertThat(first.getAttribute("member;range=0-1499").size()).isEqualTo(1500);
            SearchResultEntry rest = c.getEntry("CN=Big," + ou, "member;range=1500-*");
            assertThat(rest.getAttributes()).extracting(Attribute::getName).containsExactly("member;range=1500-*");
            assertThat(rest.getAttribute("member;range=1500-*").size()).isEqualTo(count - 1500);
            List<String> combined = new ArrayList<>(Arrays.asList(first.getAttribute("member;range=0-1499").getValues()));
            combined.addAll(Arrays.asList(rest.getAttribute("member;range=1500-*").getValues()));
            assertThat(combined).containsExactlyInAnyOrderElementsOf(members);
        }
    }

    @Test
    void closeStopsTheServerAndRemovesItsDirectory() throws Exception {
        long t0 = System.nanoTime();
        SambaAd s = SambaAd.start();
        System.out.printf("second SambaAd started in %d ms at %s%n", (System.nanoTime() - t0) / 1_000_000, s.url());
        FixtureChecks.assertCloseStopsTheServerAndRemovesItsDirectory(s, "samba", running -> {
            assertThat(running.host()).isNotEqualTo(samba.host());
            try (LDAPConnection c = running.connectAsAdmin()) {
                assertThat(c.getEntry(running.baseDn())).isNotNull();
            }
        });
    }
}
