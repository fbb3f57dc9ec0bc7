package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.DAV;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.SyncChecks;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental sync driven by the directory's own change tracking, the same scenarios for every mechanism:
 * {@link ChangeTrackingTest} runs them on the in-memory server's change log (no system packages),
 * {@link ChangeTrackingIT} on OpenLDAP's syncprov (RFC 4533) with and without a session log. After adds,
 * modifications, deletions, a group membership change, a rename and a move, sync-collection must answer
 * exactly what a fresh, independent listing says changed, having read only a few entries, and nothing on
 * the next sync. The listing cache never expires here: without the feed the changes would go unseen.
 */
abstract class ChangeTrackingScenarios {
    static final String BOOK = "/addressbooks/directory/";
    static final int PEOPLE = 60;

    @TempDir
    Path state;

    /** A directory with the demo company in it, and a way to change it. */
    interface Target extends AutoCloseable {
        Map<String, Object> settings();

        LDAPConnection writer() throws Exception;

        @Override
        void close();
    }

    /**
     * Makes every kind of change ({@link #change}) and checks the incremental sync against a fresh listing.
     *
     * @param presentPhase whether the directory names every unchanged entry in its answer (syncprov without
     *     a session log), so that reading about the whole subtree is expected
     */
    void syncAnswersExactlyTheChangesAfterReadingOnlyThem(Target target, boolean presentPhase) throws Exception {
        Map<String, Object> settings = settings(target);
        List<TestServers.Search> searches = new CopyOnWriteArrayList<>();
        try (GaldavServer server = TestServers.start(settings, new CopyOnWriteArrayList<>(), searches,
                TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
            SyncChecks.Answer first = SyncChecks.sync(client, BOOK, "");
            Map<String, String> before = first.changed();
            assertThat(before).hasSizeGreaterThan(PEOPLE);

            Changes made;
            try (LDAPConnection writer = target.writer()) {
                made = change(writer);
            }
            long readBefore = entriesRead(searches);
            SyncChecks.Answer incremental = SyncChecks.sync(client, BOOK, first.token());
            long read = entriesRead(searches) - readBefore;

            Map<String, String> after = SyncChecks.freshListing(settings, state, DemoCompany.DEMO_LOGIN,
                    DemoCompany.DEMO_PASSWORD, BOOK);
            SyncChecks.assertExactly(incremental, before, after);
            // The answer covers every kind of change made.
            assertThat(incremental.removed()).containsExactly(made.deleted());
            assertThat(incremental.changed()).containsKeys(made.modified(), made.added(), made.renamed(),
                    made.group(), made.reportOfDeleted());
            assertThat(incremental.changed().size()).isLessThan(before.size() / 3);
            if (presentPhase) {
                // Without a session log syncprov names every unchanged entry (no attributes): about the subtree.
                assertThat(read).as("LDAP entries received").isLessThan(before.size() * 2L);
            } else {
                assertThat(read).as("LDAP entries read for the incremental sync").isLessThan(before.size() / 2);
            }

            SyncChecks.Answer again = SyncChecks.sync(client, BOOK, incremental.token());
            assertThat(again.changed()).as("a second sync has nothing").isEmpty();
            assertThat(again.removed()).isEmpty();
            assertThat(again.token()).isEqualTo(incremental.token());
            assertThat(bookProperty(client, "sync-token")).isEqualTo(incremental.token());
            Map<String, Double> metrics = metrics(client.get("/metrics").body());
            assertThat(metrics.get("galdav_sync_listings_total{book=\"directory\"}")).as("one listing").isEqualTo(1.0);
            assertThat(metrics.get("galdav_sync_polls_total{book=\"directory\"}")).isGreaterThanOrEqualTo(1.0);
            assertThat(metrics.get("galdav_sync_cards_changed_total{book=\"directory\"}"))
                    .isEqualTo((double) incremental.changed().size() + incremental.removed().size());
        }
    }

    /**
     * Directories record an OU rename or move as one change to the OU (or, with syncprov and AD, do not
     * report the entries below it at all); the cards below must follow, also into and out of the book.
     */
    void ouRenamesAndMovesInAndOutOfTheBookAreFollowed(Target target) throws Exception {
        String inside = "ou=inside," + DemoCompany.BASE_DN;
        String outside = "ou=outside," + DemoCompany.BASE_DN;
        try (LDAPConnection writer = target.writer()) {
            for (String ou : List.of(inside, outside, "ou=team," + inside)) {
                writer.add(new Entry(ou, new Attribute("objectClass", "top", "organizationalUnit"),
                        new Attribute("ou", new DN(ou).getRDN().getAttributeValues()[0])));
            }
            for (String uid : List.of("ana", "ben", "cy")) {
                addPerson(writer, "uid=" + uid + ",ou=team," + inside);
            }
            for (String uid : List.of("dee", "eve")) {
                addPerson(writer, "uid=" + uid + "," + outside);
            }
        }
        Map<String, Object> settings = settings(target);
        settings.put("books", com.typesafe.config.ConfigFactory.parseString("b = [{ id = directory, mapping = \"mappings/inetorgperson.conf\", base-dn = \""
                + inside + "\" }]").getList("b").unwrapped());
        try (GaldavServer server = TestServers.start(settings, new CopyOnWriteArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
            SyncChecks.Answer first = SyncChecks.sync(client, BOOK, "");
            assertThat(first.changed()).hasSize(3);
            Map<String, String> known = new java.util.TreeMap<>(first.changed());
            String token = first.token();
            String squad = "ou=squad," + inside;
            String moved = "ou=outside," + inside;
            List<List<String>> steps = List.of(
                    List.of("rename ou=team to ou=squad (one change, for the OU only)"),
                    List.of("delete ana and change ben, below the renamed OU"),
                    List.of("move ou=outside into the book"),
                    List.of("delete dee below the moved OU, then move the OU out again"));
            for (int step = 0; step < steps.size(); step++) {
                try (LDAPConnection writer = target.writer()) {
                    switch (step) {
                        case 0 -> writer.modifyDN("ou=team," + inside, "ou=squad", true);
                        case 1 -> {
                            writer.delete("uid=ana," + squad);
                            writer.modify("uid=ben," + squad, new Modification(ModificationType.REPLACE, "title",
                                    "Lead"));
                        }
                        case 2 -> writer.modifyDN(outside, "ou=outside", true, inside);
                        default -> {
                            writer.delete("uid=dee," + moved);
                            writer.modifyDN(moved, "ou=outside", true, DemoCompany.BASE_DN);
                        }
                    }
                }
                SyncChecks.Answer answer = SyncChecks.sync(client, BOOK, token);
                Map<String, String> now = SyncChecks.freshListing(settings, state, DemoCompany.DEMO_LOGIN,
                        DemoCompany.DEMO_PASSWORD, BOOK);
                SyncChecks.assertExactly(answer, known, now);
                known = now;
                token = answer.token();
                int expected = new int[] {3, 2, 4, 2}[step];
                assertThat(now).as(steps.get(step).get(0)).hasSize(expected);
            }
        }
    }

    private static void addPerson(LDAPConnection writer, String dn) throws Exception {
        String uid = new DN(dn).getRDN().getAttributeValues()[0];
        writer.add(new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                new Attribute("uid", uid), new Attribute("cn", uid + " Teamer"), new Attribute("sn", "Teamer")));
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

    static List<SearchResultEntry> people(LDAPConnection connection) throws Exception {
        return connection.search(DemoCompany.PEOPLE_DN, SearchScope.ONE, "(objectClass=inetOrgPerson)", "entryUUID",
                "uid", "manager").getSearchEntries();
    }

    private static List<SearchResultEntry> reportsOf(List<SearchResultEntry> people, SearchResultEntry manager) {
        return people.stream().filter(p -> manager.getDN().equalsIgnoreCase(p.getAttributeValue("manager"))).toList();
    }

    private static String href(SearchResultEntry entry) {
        return BOOK + entry.getAttributeValue("entryUUID") + ".vcf";
    }

    Map<String, Object> settings(Target target) throws Exception {
        return SyncChecks.followingChanges(target.settings(), state);
    }

    /** Prometheus text format: one "name{labels} value" per line, comments skipped. */
    static Map<String, Double> metrics(String text) {
        Map<String, Double> values = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    private static long entriesRead(List<TestServers.Search> searches) {
        return searches.stream().mapToLong(TestServers.Search::entries).sum();
    }

    private static String bookProperty(DavClient client, String name) {
        return Multistatus.parse(client.propfind(BOOK, "0", org.galdav.support.Bodies.propfind("d:" + name)).body())
                .response(BOOK).okText(DAV, name);
    }
}
