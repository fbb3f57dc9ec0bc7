package org.galdav.it.samba;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.SyncChecks;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Active Directory mapping against a real Samba 4 AD domain controller started by the
 * test: users with passwords log in by sAMAccountName, disabled accounts never appear, objectGUID
 * names the cards, proxyAddresses give the primary address first, and groups list their members.
 */
class SambaActiveDirectoryIT {
    private static final String STAFF = "OU=Staff," + SambaAd.BASE_DN;
    private static final String BOOK = "/addressbooks/directory/";
    private static final String PASSWORD = "Gd4v-user-password";
    private static SambaAd samba;
    private static GaldavServer server;
    private static DavClient client;

    @BeforeAll
    static void start() throws Exception {
        if (!SambaAd.available()) {
            throw new AssertionError("Samba AD cannot run here: " + SambaAd.unavailableReason());
        }
        samba = SambaAd.start();
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            admin.add(new Entry(STAFF, new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", "Staff")));
            admin.add(user("Eva Enabled", "eenabled", 512, "SMTP:eva@galdav.test", "smtp:e.enabled@galdav.test"));
            admin.add(user("Dirk Disabled", "ddisabled", 514, "SMTP:dirk@galdav.test"));
            admin.add(user("Olga Other", "oother", 512, "SMTP:olga@galdav.test"));
            admin.add(new Entry("CN=Carl Contact," + STAFF, new Attribute("objectClass", "top", "person",
                    "organizationalPerson", "contact"), new Attribute("displayName", "Carl Contact"),
                    new Attribute("mail", "carl@partner.example")));
            admin.add(new Entry("CN=Team," + STAFF, new Attribute("objectClass", "top", "group"),
                    new Attribute("sAMAccountName", "team"),
                    new Attribute("member", "CN=Eva Enabled," + STAFF, "CN=Dirk Disabled," + STAFF,
                            "CN=Olga Other," + STAFF)));
        }
        server = TestServers.start(settings("directory", STAFF), new ArrayList<>(), TimeSource.SYSTEM);
        client = new DavClient(server.url(), "eenabled", PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (samba != null) {
            samba.close();
        }
    }

    @Test
    void publishesEnabledPeopleContactsAndGroupsWithValidCards() {
        assertThat(client.as("eenabled", "wrong").propfind(BOOK, "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(401);
        List<String> hrefs = client.memberHrefs(BOOK);
        List<VCard> cards3 = client.multigetCards(BOOK, hrefs, "3.0");
        List<VCard> cards4 = client.multigetCards(BOOK, hrefs, "4.0");
        assertThat(cards3).extracting(c -> c.getFormattedName().getValue())
                .containsExactlyInAnyOrder("Eva Enabled", "Olga Other", "Carl Contact", "Team");
        cards3.forEach(c -> Cards.valid(c.write(), VCardVersion.V3_0));
        cards4.forEach(c -> Cards.valid(c.write(), VCardVersion.V4_0));

        VCard eva = cards4.stream().filter(c -> c.getFormattedName().getValue().equals("Eva Enabled")).findFirst().orElseThrow();
        assertThat(eva.getUid().getValue()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(hrefs).contains(BOOK + eva.getUid().getValue() + ".vcf");
        assertThat(eva.getEmails().get(0).getValue()).isEqualTo("eva@galdav.test");
        assertThat(eva.getEmails().get(0).getPref()).isEqualTo(1);

        VCard team = cards4.stream().filter(c -> c.getFormattedName().getValue().equals("Team")).findFirst().orElseThrow();
        assertThat(team.getMembers()).hasSize(2); // the disabled member is not in the book
    }

    @Test
    void aDisabledAccountIsNotFoundBySearch() {
        Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter name='FN'><C:text-match>Dirk</C:text-match></C:prop-filter></C:filter>", null)).body());
        assertThat(ms.responses()).isEmpty();
        Multistatus eva = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter name='EMAIL'><C:text-match match-type='starts-with'>e.enabled</C:text-match>"
                        + "</C:prop-filter></C:filter>", null)).body());
        assertThat(eva.responses()).hasSize(1);
    }

    /**
     * USN change tracking: after an addition, a change, the deletion of a manager, a rename, a move out
     * of the book, a move within it and a membership change, sync answers exactly what a fresh listing
     * says changed, and nothing the next time. The listing cache never expires here.
     */
    @Test
    void syncFollowsUpdateSequenceNumbersAndTombstones(@org.junit.jupiter.api.io.TempDir java.nio.file.Path scratch)
            throws Exception {
        String sync = "OU=Sync," + SambaAd.BASE_DN;
        String book = "/addressbooks/sync/";
        try (LDAPConnection admin = samba.connectAsAdmin()) {
            admin.add(new Entry(sync, new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", "Sync")));
            admin.add(new Entry("OU=Inner," + sync, new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "Inner")));
            for (String name : List.of("Mia Manager", "Rita Report", "Carl Changed", "Dora Deleted", "Rene Renamed",
                    "Otto Outside", "Ines Inner", "Jo Joiner")) {
                admin.add(contact(name, sync, name.equals("Rita Report") ? "CN=Mia Manager," + sync : null));
            }
            admin.add(new Entry("CN=Crew," + sync, new Attribute("objectClass", "top", "group"),
                    new Attribute("sAMAccountName", "crew"),
                    new Attribute("member", "CN=Mia Manager," + sync, "CN=Ines Inner," + sync)));
        }
        Map<String, Object> settings = SyncChecks.followingChanges(settings("sync", sync), scratch);
        settings.put("sync.change-tracking", "usn");
        try (GaldavServer tracking = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient user = new DavClient(tracking.url(), "eenabled", PASSWORD);
            SyncChecks.Answer first = SyncChecks.sync(user, book, "");
            assertThat(first.changed()).hasSize(9);
            try (LDAPConnection admin = samba.connectAsAdmin()) {
                admin.modify("CN=Carl Changed," + sync, new com.unboundid.ldap.sdk.Modification(
                        com.unboundid.ldap.sdk.ModificationType.REPLACE, "title", "Chief"));
                admin.delete("CN=Mia Manager," + sync);
                admin.delete("CN=Dora Deleted," + sync);
                admin.add(contact("Nina New", sync, null));
                admin.modifyDN("CN=Rene Renamed," + sync, "CN=Rene Renamed Again", true);
                admin.modifyDN("CN=Otto Outside," + sync, "CN=Otto Outside", true, STAFF);
                admin.modifyDN("CN=Ines Inner," + sync, "CN=Ines Inner", true, "OU=Inner," + sync);
                admin.modify("CN=Crew," + sync, new com.unboundid.ldap.sdk.Modification(
                        com.unboundid.ldap.sdk.ModificationType.ADD, "member", "CN=Jo Joiner," + sync));
            }
            SyncChecks.Answer incremental = SyncChecks.sync(user, book, first.token());
            SyncChecks.assertExactly(incremental, first.changed(),
                    SyncChecks.freshListing(settings, scratch, "eenabled", PASSWORD, book));
            assertThat(incremental.removed()).hasSize(3); // Mia, Dora, Otto (moved out of the book)
            SyncChecks.Answer again = SyncChecks.sync(user, book, incremental.token());
            assertThat(again.changed()).isEmpty();
            assertThat(again.removed()).isEmpty();
            assertThat(again.token()).isEqualTo(incremental.token());

            // Renaming an OU does not touch the objects below it; deleting one of them later must still show.
            Map<String, String> known = SyncChecks.freshListing(settings, scratch, "eenabled", PASSWORD, book);
            try (LDAPConnection admin = samba.connectAsAdmin()) {
                admin.modifyDN("OU=Inner," + sync, "OU=Renamed", true);
            }
            SyncChecks.Answer renamed = SyncChecks.sync(user, book, again.token());
            SyncChecks.assertExactly(renamed, known, SyncChecks.freshListing(settings, scratch, "eenabled", PASSWORD, book));
            known = SyncChecks.freshListing(settings, scratch, "eenabled", PASSWORD, book);
            try (LDAPConnection admin = samba.connectAsAdmin()) {
                admin.delete("CN=Ines Inner,OU=Renamed," + sync);
            }
            SyncChecks.Answer afterDelete = SyncChecks.sync(user, book, renamed.token());
            SyncChecks.assertExactly(afterDelete, known,
                    SyncChecks.freshListing(settings, scratch, "eenabled", PASSWORD, book));
            assertThat(afterDelete.removed()).hasSize(1);
        }
    }

    /** galdav on the Samba domain with one book over {@code base}, with the shipped AD mapping. */
    private static Map<String, Object> settings(String book, String base) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("ldap.url", samba.url());
        settings.put("ldap.bind-dn", samba.adminDn());
        settings.put("ldap.bind-password", samba.adminPassword());
        settings.put("ldap.base-dn", SambaAd.BASE_DN);
        settings.put("auth.login-filter", "(sAMAccountName={0})");
        settings.put("auth.login-attribute", "sAMAccountName");
        settings.put("auth.user-filter", "(&(objectClass=user)(!(objectClass=computer)))");
        settings.put("books", ConfigFactory.parseString("b = [{ id = " + book + ", base-dn = \"" + base
                + "\", mapping = \"mappings/active-directory.conf\" }]").getList("b").unwrapped());
        return settings;
    }

    private static Entry contact(String name, String parent, String manager) {
        Entry entry = new Entry("CN=" + name + "," + parent, new Attribute("objectClass", "top", "person",
                "organizationalPerson", "contact"), new Attribute("displayName", name),
                new Attribute("mail", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@partner.example"));
        if (manager != null) {
            entry.addAttribute("manager", manager);
        }
        return entry;
    }

    private static Entry user(String name, String login, int accountControl, String... proxyAddresses) {
        String[] parts = name.split(" ");
        return new Entry("CN=" + name + "," + STAFF,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("sAMAccountName", login), new Attribute("givenName", parts[0]),
                new Attribute("sn", parts[1]), new Attribute("displayName", name),
                new Attribute("mail", login + "@galdav.test"), new Attribute("proxyAddresses", proxyAddresses),
                new Attribute("telephoneNumber", "+1 416 555 0101"), new Attribute("title", "Engineer"),
                new Attribute("userAccountControl", Integer.toString(accountControl)),
                new Attribute("unicodePwd", SambaAd.unicodePwd(PASSWORD)));
    }
}
