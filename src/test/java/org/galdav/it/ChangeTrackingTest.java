package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.SyncChecks;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * The {@link ChangeTrackingScenarios} on the in-memory directory's change log, which needs no system
 * package; {@link ChangeTrackingIT} runs them on a real OpenLDAP.
 */
class ChangeTrackingTest extends ChangeTrackingScenarios {
    @Test
    void syncAnswersExactlyTheChangesAfterReadingOnlyThem() throws Exception {
        try (Target target = changeLog()) {
            syncAnswersExactlyTheChangesAfterReadingOnlyThem(target, false);
        }
    }

    @Test
    void aChangeLogTrimmedPastThePositionMeansOneFullListingAndStillExactAnswers() throws Exception {
        try (Target target = changeLog()) {
            Map<String, Object> settings = settings(target);
            try (GaldavServer server = TestServers.start(settings, new CopyOnWriteArrayList<>(), TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD);
                SyncChecks.Answer first = SyncChecks.sync(client, BOOK, "");
                Map<String, String> before = first.changed();
                String someone;
                try (LDAPConnection writer = target.writer()) {
                    SearchResultEntry person = people(writer).get(3);
                    someone = BOOK + person.getAttributeValue("entryUUID") + ".vcf";
                    // More changes than the change log keeps (1,000): the feed's position falls off its start.
                    for (int i = 0; i < 1_100; i++) {
                        writer.modify(person.getDN(), new Modification(ModificationType.REPLACE, "title", "Title " + i));
                    }
                }
                SyncChecks.Answer changes = SyncChecks.sync(client, BOOK, first.token());
                assertThat(changes.changed().keySet()).containsExactly(someone);
                assertThat(changes.removed()).isEmpty();
                assertThat(changes.changed().get(someone)).isNotEqualTo(before.get(someone));
                // Operators see it: two full listings (the first, and the one after the position was lost).
                Map<String, Double> metrics = metrics(client.get("/metrics").body());
                assertThat(metrics.get("galdav_sync_listings_total{book=\"directory\"}")).isEqualTo(2.0);
                assertThat(metrics.get("galdav_sync_cards_changed_total{book=\"directory\"}")).isEqualTo(1.0);
            }
        }
    }

    @Test
    void ouRenamesAndMovesInAndOutOfTheBookAreFollowed() throws Exception {
        try (Target target = changeLog()) {
            ouRenamesAndMovesInAndOutOfTheBookAreFollowed(target);
        }
    }

    private static Target changeLog() throws Exception {
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
}
