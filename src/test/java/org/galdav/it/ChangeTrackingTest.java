package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.DAV;

import com.github.benmanes.caffeine.cache.Ticker;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * Incremental sync driven by the directory's own change tracking: the in-memory server's change log,
 * and OpenLDAP's syncprov (RFC 4533) with and without a session log. After adds, modifications,
 * deletions, a group membership change, a rename and a move, sync-collection must answer exactly what
 * a fresh, independent listing says changed, having read only a few entries, and nothing on the
 * next sync. The listing cache never expires here: without the feed the changes would go unseen.
 */
class ChangeTrackingTest {
    private static final String BOOK = "/addressbooks/directory/";
    private static final int PEOPLE = 60;

    @TempDir
    Path state;

    /** A directory with the demo company in it, and a way to change it. */
    private interface Target extends AutoCloseable {
        Map<String, Object> settings();

        LDAPConnection writer() throws Exception;

        @Override
        void close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"changelog", "syncrepl-present-phase", "syncrepl-sessionlog"})
    void syncAnswersExactlyTheChangesAfterReadingOnlyThem(String mechanism) throws Exception {
        try (Target target = target(mechanism)) {
            Map<String, Object> settings = settings(target);
            List<TestServers.Search> searches = new CopyOnWriteArrayList<>();
            try (GaldavServer server = TestServers.start(settings, new CopyOnWriteArrayList<>(), searches,
                    Ticker.systemTicker())) {
                DavClient client = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
                Multistatus first = sync(client, "");
                Map<String, String> before = etags(first);
                String token = tokenOf(first);
                assertThat(before).hasSizeGreaterThan(PEOPLE);

                Changes made;
                try (LDAPConnection writer = target.writer()) {
                    made = change(writer);
                }
                long readBefore = entriesRead(searches);
                Multistatus incremental = sync(client, token);
                long read = entriesRead(searches) - readBefore;

                Map<String, String> after = listingFromAFreshServer(settings);
                Map<String, String> expectedChanged = new TreeMap<>();
                after.forEach((href, etag) -> {
                    if (!etag.equals(before.get(href))) {
                        expectedChanged.put(href, etag);
                    }
                });
                List<String> expectedRemoved = before.keySet().stream().filter(h -> !after.containsKey(h)).sorted().toList();

                Map<String, String> changed = new TreeMap<>();
                List<String> removed = new java.util.ArrayList<>();
                for (Multistatus.Response r : incremental.responses()) {
                    if (r.propstats().isEmpty()) {
                        assertThat(r.status()).contains("HTTP/1.1 404 Not Found");
                        removed.add(r.href());
                    } else {
                        changed.put(r.href(), r.okText(DAV, "getetag"));
                    }
                }
                assertThat(changed).as("changed cards and their new ETags").isEqualTo(expectedChanged);
                assertThat(removed).as("removed cards").containsExactlyInAnyOrderElementsOf(expectedRemoved);
                // The oracle itself covers every kind of change made.
                assertThat(expectedRemoved).containsExactly(made.deleted());
                assertThat(expectedChanged).containsKeys(made.modified(), made.added(), made.renamed(), made.group(),
                        made.reportOfDeleted());
                assertThat(expectedChanged.size()).isLessThan(before.size() / 3);
                assertThat(read).as("LDAP entries read for the incremental sync").isLessThan(before.size() / 2);

                String next = tokenOf(incremental);
                Multistatus again = sync(client, next);
                assertThat(again.responses()).as("a second sync has nothing").isEmpty();
                assertThat(tokenOf(again)).isEqualTo(next);
                assertThat(bookProperty(client, "sync-token")).isEqualTo(next);
            }
        }
    }

    @Test
    void aChangeLogTrimmedPastThePositionMeansOneFullListingAndStillExactAnswers() throws Exception {
        try (Target target = target("changelog")) {
            Map<String, Object> settings = settings(target);
            try (GaldavServer server = TestServers.start(settings, new CopyOnWriteArrayList<>(), Ticker.systemTicker())) {
                DavClient client = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
                Multistatus first = sync(client, "");
                String token = tokenOf(first);
                Map<String, String> before = etags(first);
                String someone;
                try (LDAPConnection writer = target.writer()) {
                    SearchResultEntry person = people(writer).get(3);
                    someone = BOOK + person.getAttributeValue("entryUUID") + ".vcf";
                    // More changes than the change log keeps (1,000): the feed's position falls off its start.
                    for (int i = 0; i < 1_100; i++) {
                        writer.modify(person.getDN(), new Modification(ModificationType.REPLACE, "title", "Title " + i));
                    }
                }
                Multistatus changes = sync(client, token);
                assertThat(changes.responses()).extracting(Multistatus.Response::href).containsExactly(someone);
                assertThat(changes.responses().get(0).okText(DAV, "getetag")).isNotEqualTo(before.get(someone));
            }
        }
    }

    /** What {@link #change} did, by card href. */
    private record Changes(String modified, String deleted, String added, String renamed, String moved, String group,
                           String reportOfDeleted) {
    }

    /**
     * Modifies one person, deletes a manager (their reports' RELATED and their groups change), adds a
     * person, renames one (new RDN), moves one to another OU, and adds a member to a group.
     */
    private static Changes change(LDAPConnection writer) throws Exception {
        List<SearchResultEntry> people = people(writer);
        SearchResultEntry manager = people.stream()
                .filter(p -> !p.getAttributeValue("uid").equals(DemoCompany.DEMO_LOGIN))
                .filter(p -> !reportsOf(people, p).isEmpty()).findFirst().orElseThrow();
        SearchResultEntry report = reportsOf(people, manager).get(0);
        List<SearchResultEntry> others = people.stream().filter(p -> p != manager && p != report
                && !p.getAttributeValue("uid").equals(DemoCompany.DEMO_LOGIN)).toList();
        SearchResultEntry modified = others.get(0);
        SearchResultEntry renamed = others.get(1);
        SearchResultEntry moved = others.get(2);
        SearchResultEntry joiner = others.get(3);
        SearchResultEntry group = writer.search(DemoCompany.BASE_DN, SearchScope.SUB, "(objectClass=groupOfNames)",
                "entryUUID", "member").getSearchEntries().stream()
                .filter(g -> !List.of(g.getAttributeValues("member")).contains(joiner.getDN())).findFirst().orElseThrow();

        writer.modify(modified.getDN(), new Modification(ModificationType.REPLACE, "title", "Chief Tester"));
        writer.delete(manager.getDN());
        writer.add(new Entry("uid=newcomer," + DemoCompany.PEOPLE_DN,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", "newcomer"), new Attribute("cn", "New Comer"), new Attribute("sn", "Comer")));
        writer.modifyDN(renamed.getDN(), "uid=" + renamed.getAttributeValue("uid") + "-renamed", true);
        writer.add(new Entry("ou=alumni," + DemoCompany.BASE_DN, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "alumni")));
        writer.modifyDN(moved.getDN(), new DN(moved.getDN()).getRDNString(), true, "ou=alumni," + DemoCompany.BASE_DN);
        writer.modify(group.getDN(), new Modification(ModificationType.ADD, "member", joiner.getDN()));
        String added = BOOK + writer.getEntry("uid=newcomer," + DemoCompany.PEOPLE_DN, "entryUUID")
                .getAttributeValue("entryUUID") + ".vcf";
        return new Changes(href(modified), href(manager), added, href(renamed), href(moved), href(group), href(report));
    }

    private static List<SearchResultEntry> people(LDAPConnection connection) throws Exception {
        return connection.search(DemoCompany.PEOPLE_DN, SearchScope.ONE, "(objectClass=inetOrgPerson)", "entryUUID",
                "uid", "manager").getSearchEntries();
    }

    private static List<SearchResultEntry> reportsOf(List<SearchResultEntry> people, SearchResultEntry manager) {
        return people.stream().filter(p -> manager.getDN().equalsIgnoreCase(p.getAttributeValue("manager"))).toList();
    }

    private static String href(SearchResultEntry entry) {
        return BOOK + entry.getAttributeValue("entryUUID") + ".vcf";
    }

    /** The oracle: what a server that never saw the old state lists now. */
    private Map<String, String> listingFromAFreshServer(Map<String, Object> settings) throws Exception {
        Map<String, Object> fresh = new java.util.HashMap<>(settings);
        fresh.put("sync.state-dir", Files.createTempDirectory(state, "fresh").toString());
        fresh.put("sync.change-tracking", "off");
        try (GaldavServer server = TestServers.start(fresh, new CopyOnWriteArrayList<>(), Ticker.systemTicker())) {
            return etags(sync(new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD), ""));
        }
    }

    private Map<String, Object> settings(Target target) throws Exception {
        Map<String, Object> settings = target.settings();
        settings.put("sync.state-dir", Files.createTempDirectory(state, "state").toString());
        settings.put("sync.poll-interval", "0s");
        settings.put("cache.ttl", "1h");
        settings.put("cache.warm-up", false);
        return settings;
    }

    private static Target target(String mechanism) throws Exception {
        List<Entry> company = DemoCompany.entries(new DemoOptions(PEOPLE, 23, 0));
        if (mechanism.equals("changelog")) {
            DemoDirectory directory = DemoDirectory.start(new DemoOptions(PEOPLE, 23, 0));
            return new Target() {
                public Map<String, Object> settings() {
                    return TestServers.pointingAt(directory.url(), DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD,
                            directory.baseDn());
                }

                public LDAPConnection writer() throws Exception {
                    return directory.server().getConnection();
                }

                public void close() {
                    directory.close();
                }
            };
        }
        if (!Slapd.available()) {
            throw new AssertionError("/usr/sbin/slapd is missing: install the Debian package slapd (.ci/run does)");
        }
        int sessionlog = mechanism.equals("syncrepl-sessionlog") ? 1_000 : 0;
        Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, true, List.of(), sessionlog));
        try {
            slapd.add(Slapd.withoutOperationalAttributes(company));
        } catch (Exception e) {
            slapd.close();
            throw e;
        }
        return new Target() {
            public Map<String, Object> settings() {
                Map<String, Object> settings = TestServers.pointingAt(slapd.url(), DemoCompany.SERVICE_DN,
                        DemoCompany.SERVICE_PASSWORD, DemoCompany.BASE_DN);
                settings.put("sync.change-tracking", "syncrepl");
                return settings;
            }

            public LDAPConnection writer() throws Exception {
                return slapd.connectAsRoot();
            }

            public void close() {
                slapd.close();
            }
        };
    }

    private static long entriesRead(List<TestServers.Search> searches) {
        return searches.stream().mapToLong(TestServers.Search::entries).sum();
    }

    private static Multistatus sync(DavClient client, String token) {
        HttpResponse<String> response = client.report(BOOK, "1", "<D:sync-collection xmlns:D='DAV:'><D:sync-token>"
                + token + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        return Multistatus.parse(response.body());
    }

    private static Map<String, String> etags(Multistatus ms) {
        Map<String, String> etags = new TreeMap<>();
        for (Multistatus.Response r : ms.responses()) {
            if (!r.href().equals(BOOK)) {
                etags.put(r.href(), r.okText(DAV, "getetag"));
            }
        }
        return etags;
    }

    private static String tokenOf(Multistatus ms) {
        List<Element> tokens = Multistatus.children(ms.root(), DAV, "sync-token");
        assertThat(tokens).hasSize(1);
        return Multistatus.text(tokens.get(0)).trim();
    }

    private static String bookProperty(DavClient client, String name) {
        return Multistatus.parse(client.propfind(BOOK, "0", org.galdav.support.Bodies.propfind("d:" + name)).body())
                .response(BOOK).okText(DAV, name);
    }
}
