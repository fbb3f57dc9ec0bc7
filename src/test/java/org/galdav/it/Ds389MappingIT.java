package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.ds389.Ds389;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.SyncChecks;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/** The 389-DS/FreeIPA mapping against a real 389 Directory Server started by the test. */
class Ds389MappingIT {
    private static final String BOOK = "/addressbooks/directory/";

    @Test
    void everyPublishedEntryBecomesValidCardsAndLockedAccountsNeverAppear() throws Exception {
        if (!Ds389.available()) {
            throw new AssertionError("389-DS is missing: install the Debian package 389-ds-base (.ci/run does)");
        }
        List<Entry> entries = Ds389.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(60, 21, 0)));
        long published = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")
                || e.hasObjectClass("groupOfNames") || e.hasObjectClass("groupOfUniqueNames")).count();
        try (Ds389 ds = Ds389.start(DemoCompany.BASE_DN, 0)) {
            ds.add(entries);
            String lockedDn = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")
                    && !"demo".equals(e.getAttributeValue("uid"))).findFirst().orElseThrow().getDN();
            String lockedName;
            try (LDAPConnection root = ds.connectAsRoot()) {
                root.modify(lockedDn, new Modification(ModificationType.ADD, "nsAccountLock", "TRUE"));
                lockedName = root.getEntry(lockedDn, "displayName").getAttributeValue("displayName");
            }
            Map<String, Object> settings = TestServers.pointingAt(ds.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("books", ConfigFactory.parseString("b = [{ id = directory, mapping = \"mappings/389ds-freeipa.conf\" }]")
                    .getList("b").unwrapped());
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                List<String> hrefs = client.memberHrefs(BOOK);
                assertThat(hrefs).hasSize((int) published - 1);
                List<VCard> cards3 = client.multigetCards(BOOK, hrefs, "3.0");
                List<VCard> cards4 = client.multigetCards(BOOK, hrefs, "4.0");
                cards3.forEach(c -> Cards.valid(c.write(), VCardVersion.V3_0));
                cards4.forEach(c -> Cards.valid(c.write(), VCardVersion.V4_0));
                assertThat(cards3).noneMatch(c -> c.getFormattedName().getValue().equals(lockedName));
                assertThat(cards3.get(0).getUid().getValue()).as("nsUniqueId")
                        .matches("[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
                Multistatus search = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                        "<C:filter><C:prop-filter name='FN'><C:text-match match-type='equals'>" + lockedName
                                + "</C:text-match></C:prop-filter></C:filter>", null)).body());
                assertThat(search.responses()).isEmpty();
                assertThat(cards4).anyMatch(c -> c.getKind() != null && c.getKind().isGroup() && !c.getMembers().isEmpty());
            }
        }
    }

    /**
     * The retro changelog (cn=changelog) as change feed: after a change, an addition, the deletion of a
     * manager, a rename, a move, a locked account and a membership change, sync answers exactly what a
     * fresh listing says changed, and nothing the next time.
     */
    @Test
    void syncFollowsTheRetroChangelog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path scratch) throws Exception {
        if (!Ds389.available()) {
            throw new AssertionError("389-DS is missing: install the Debian package 389-ds-base (.ci/run does)");
        }
        List<Entry> entries = Ds389.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(40, 5, 0)));
        try (Ds389 ds = Ds389.start(DemoCompany.BASE_DN, 0)) {
            try (LDAPConnection root = ds.connectAsRoot()) {
                // What docs/directories/389ds-freeipa.md tells admins to do, without a restart.
                root.modify("cn=config", new Modification(ModificationType.REPLACE, "nsslapd-dynamic-plugins", "on"));
                root.modify("cn=Retro Changelog Plugin,cn=plugins,cn=config",
                        new Modification(ModificationType.REPLACE, "nsslapd-pluginEnabled", "on"));
                root.modify("cn=changelog", new Modification(ModificationType.ADD, "aci",
                        "(targetattr=\"changeNumber || targetDn || changeType || newRdn || newSuperior\")"
                                + "(version 3.0; acl \"galdav reads the change log\"; allow (read, search, compare) "
                                + "userdn = \"ldap:///" + DemoCompany.SERVICE_DN + "\";)"));
            }
            ds.add(entries);
            Map<String, Object> settings = TestServers.pointingAt(ds.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("books", ConfigFactory.parseString("b = [{ id = directory, mapping = \"mappings/389ds-freeipa.conf\" }]")
                    .getList("b").unwrapped());
            settings.put("sync.change-tracking", "changelog");
            SyncChecks.followingChanges(settings, scratch);
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                SyncChecks.Answer first = SyncChecks.sync(client, BOOK, "");
                List<Entry> people = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")
                        && !"demo".equals(e.getAttributeValue("uid"))).toList();
                Entry manager = people.stream().filter(m -> people.stream()
                        .anyMatch(p -> m.getDN().equalsIgnoreCase(p.getAttributeValue("manager")))).findFirst().orElseThrow();
                List<Entry> others = people.stream().filter(p -> p != manager).toList();
                Entry group = entries.stream().filter(e -> e.hasObjectClass("groupOfNames")).filter(g -> !List.of(
                        g.getAttributeValues("member")).contains(others.get(4).getDN())).findFirst().orElseThrow();
                try (LDAPConnection root = ds.connectAsRoot()) {
                    root.modify(others.get(0).getDN(), new Modification(ModificationType.REPLACE, "title", "Chief"));
                    root.delete(manager.getDN());
                    root.add(new Entry("uid=newcomer," + DemoCompany.PEOPLE_DN,
                            new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson",
                                    "inetOrgPerson"), new com.unboundid.ldap.sdk.Attribute("uid", "newcomer"),
                            new com.unboundid.ldap.sdk.Attribute("cn", "New Comer"),
                            new com.unboundid.ldap.sdk.Attribute("sn", "Comer")));
                    root.modifyDN(others.get(1).getDN(), "uid=" + others.get(1).getAttributeValue("uid") + "-x", true);
                    root.add(new Entry("ou=alumni," + DemoCompany.BASE_DN, new com.unboundid.ldap.sdk.Attribute(
                            "objectClass", "top", "organizationalUnit"), new com.unboundid.ldap.sdk.Attribute("ou", "alumni")));
                    root.modifyDN(others.get(2).getDN(), new com.unboundid.ldap.sdk.DN(others.get(2).getDN()).getRDNString(),
                            true, "ou=alumni," + DemoCompany.BASE_DN);
                    root.modify(others.get(3).getDN(), new Modification(ModificationType.ADD, "nsAccountLock", "TRUE"));
                    root.modify(group.getDN(), new Modification(ModificationType.ADD, "member", others.get(4).getDN()));
                }
                SyncChecks.Answer incremental = SyncChecks.sync(client, BOOK, first.token());
                SyncChecks.assertExactly(incremental, first.changed(),
                        SyncChecks.freshListing(settings, scratch, "demo", "demo", BOOK));
                assertThat(incremental.removed()).hasSize(2); // the deleted manager, the locked account
                assertThat(incremental.changed().size()).isGreaterThanOrEqualTo(5);
                SyncChecks.Answer again = SyncChecks.sync(client, BOOK, incremental.token());
                assertThat(again.changed()).isEmpty();
                assertThat(again.removed()).isEmpty();
            }
        }
    }
}
