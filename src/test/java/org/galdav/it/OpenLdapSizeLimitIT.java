package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.CARD;
import static org.galdav.support.Multistatus.DAV;

import com.unboundid.ldap.sdk.Entry;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * galdav against a real OpenLDAP slapd (started by the test) whose size limit is below the directory
 * size, in both ways admins set it: with paged searches exempt (size.prtotal=unlimited) and with a
 * plain sizelimit that caps paged searches too.
 */
class OpenLdapSizeLimitIT {
    private static final String BOOK = "/addressbooks/directory/";
    private static final int PEOPLE = 240;
    private static final int SIZE_LIMIT = 100;

    @ParameterizedTest(name = "paged searches exempt from the size limit: {0}")
    @ValueSource(booleans = {true, false})
    void listsSearchesAndServesEveryEntryDespiteTheSizeLimit(boolean pagedUnlimited) throws Exception {
        if (!Slapd.available()) {
            throw new AssertionError("/usr/sbin/slapd is missing: install the Debian package slapd (.ci/run does)");
        }
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(PEOPLE, 11, 0)));
        long published = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")
                || e.hasObjectClass("groupOfNames") || e.hasObjectClass("groupOfUniqueNames")).count();
        assertThat(published).isGreaterThan(SIZE_LIMIT);

        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, SIZE_LIMIT, false), pagedUnlimited)) {
            slapd.add(entries);
            Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("ldap.page-size", 50);
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
                assertThat(client.as("demo", "wrong").propfind(BOOK, "0", Bodies.propfind("d:displayname")).statusCode())
                        .isEqualTo(401);

                Multistatus listing = Multistatus.parse(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body());
                List<Multistatus.Response> cards = listing.responses().stream().filter(r -> !r.href().equals(BOOK)).toList();
                assertThat(cards).hasSize((int) published);
                assertThat(cards.stream().map(Multistatus.Response::href).distinct()).hasSize(cards.size());

                Multistatus.Response first = cards.get(0);
                VCard card = Cards.valid(client.get(first.href()).body(), VCardVersion.V3_0);
                assertThat(first.href()).endsWith(card.getUid().getValue() + ".vcf");

                Multistatus all = Multistatus.parse(client.report(BOOK, "1", Bodies.query("", null)).body());
                assertThat(all.responses()).hasSize((int) published);
                for (String version : new String[] {"3.0", "4.0"}) {
                    Multistatus every = Multistatus.parse(client.report(BOOK, "1", Bodies.multiget(
                            "<C:address-data version='" + version + "'/>",
                            cards.stream().map(Multistatus.Response::href).toArray(String[]::new))).body());
                    every.responses().forEach(r -> Cards.valid(r.okText(CARD, "address-data"),
                            version.equals("3.0") ? VCardVersion.V3_0 : VCardVersion.V4_0));
                    assertThat(every.responses()).hasSize((int) published);
                }

                Multistatus demo = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                        "<C:filter><C:prop-filter name='NICKNAME'><C:text-match match-type='equals'>demo"
                                + "</C:text-match></C:prop-filter></C:filter>", null)).body());
                assertThat(demo.responses()).hasSize(1);
                VCard demoCard = Cards.valid(demo.responses().get(0).okText(CARD, "address-data"), VCardVersion.V3_0);
                assertThat(demoCard.getEmails()).isNotEmpty();
                assertThat(demo.responses().get(0).okText(DAV, "getetag")).isNotBlank();
            }
        }
    }
}
