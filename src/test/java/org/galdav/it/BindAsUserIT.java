package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Entry;
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
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/** A book searched with the user's own bind shows what the directory's ACLs let that user read. */
class BindAsUserIT {
    @Test
    void eachUserSeesWhatTheDirectoryLetsThemRead() throws Exception {
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(50, 4, 0)));
        String demoDn = "uid=demo," + DemoCompany.PEOPLE_DN;
        String other = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")
                && !"demo".equals(e.getAttributeValue("uid"))).findFirst().orElseThrow().getAttributeValue("uid");
        long people = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")).count();
        long groups = entries.stream().filter(e -> e.hasObjectClass("groupOfNames") || e.hasObjectClass("groupOfUniqueNames")).count();
        // The demo user may not read the groups; everyone else may.
        List<String> acl = List.of("access to dn.subtree=\"" + DemoCompany.GROUPS_DN + "\" by dn.exact=\"" + demoDn
                + "\" none by users read by * none");
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, false, acl))) {
            slapd.add(entries);
            Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                    DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
            settings.put("books", ConfigFactory.parseString("b = [{ id = directory, mapping = \"mappings/inetorgperson.conf\" },"
                    + "{ id = mine, mapping = \"mappings/inetorgperson.conf\", bind-as-user = true }]").getList("b").unwrapped());
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
                DavClient demo = new DavClient(server.url(), "demo", "demo");
                DavClient someone = new DavClient(server.url(), other, other);
                assertThat(count(demo, "/addressbooks/mine/")).as("demo may not read the groups").isEqualTo(people);
                assertThat(count(someone, "/addressbooks/mine/")).isEqualTo(people + groups);
                assertThat(count(demo, "/addressbooks/directory/")).as("the service account reads everything, "
                        + "also after connections were used as a user").isEqualTo(people + groups);
                assertThat(count(demo.anonymous(), "/addressbooks/mine/")).isEqualTo(-1);

                // The password changes in the directory while galdav still remembers the login: the user's
                // own bind is refused, which must be a 401 (ask again), not a 503, and the login is forgotten.
                try (var root = slapd.connectAsRoot()) {
                    root.modify(demoDn, new com.unboundid.ldap.sdk.Modification(
                            com.unboundid.ldap.sdk.ModificationType.REPLACE, "userPassword", "changed"));
                }
                var stale = demo.propfind("/addressbooks/mine/", "1", Bodies.propfind("d:getetag"));
                assertThat(stale.statusCode()).isEqualTo(401);
                assertThat(demo.propfind("/addressbooks/directory/", "0", Bodies.propfind("d:displayname")).statusCode())
                        .as("the old password is no longer accepted anywhere").isEqualTo(401);
                assertThat(demo.as("demo", "changed").propfind("/addressbooks/mine/", "1", Bodies.propfind("d:getetag"))
                        .statusCode()).isEqualTo(207);
            }
        }
    }

    /** Cards listed, or -1 when the book cannot be read. */
    private static long count(DavClient client, String book) {
        var response = client.propfind(book, "1", Bodies.propfind("d:getetag"));
        if (response.statusCode() != 207) {
            return -1;
        }
        return Multistatus.parse(response.body()).hrefs().stream().filter(h -> !h.equals(book)).count();
    }
}
