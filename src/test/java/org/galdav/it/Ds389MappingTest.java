package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
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
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.ds389.Ds389;
import org.galdav.it.slapd.Slapd;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/** The 389-DS/FreeIPA mapping against a real 389 Directory Server started by the test. */
class Ds389MappingTest {
    private static final String BOOK = "/addressbooks/directory/";

    @Test
    void everyPublishedEntryBecomesValidCardsAndLockedAccountsNeverAppear() throws Exception {
        if (!Ds389.available()) {
            throw new AssertionError("389-DS is missing: install the Debian package 389-ds-base (.ci/run does)");
        }
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(60, 21, 0)));
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
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), Ticker.systemTicker())) {
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
}
