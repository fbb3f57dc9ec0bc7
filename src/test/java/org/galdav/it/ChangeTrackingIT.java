package org.galdav.it;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.util.List;
import java.util.Map;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link ChangeTrackingScenarios} on a real OpenLDAP slapd (started by the test) with the syncprov
 * overlay: without a session log (present phase), with one, and with a server ID in the cookies.
 */
class ChangeTrackingIT extends ChangeTrackingScenarios {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"syncrepl-present-phase", "syncrepl-sessionlog", "syncrepl-server-id"})
    void syncAnswersExactlyTheChangesAfterReadingOnlyThem(String mechanism) throws Exception {
        try (Target target = syncrepl(mechanism)) {
            syncAnswersExactlyTheChangesAfterReadingOnlyThem(target, mechanism.equals("syncrepl-present-phase"));
        }
    }

    @Test
    void ouRenamesAndMovesInAndOutOfTheBookAreFollowed() throws Exception {
        try (Target target = syncrepl("syncrepl-sessionlog")) {
            ouRenamesAndMovesInAndOutOfTheBookAreFollowed(target);
        }
    }

    private static Target syncrepl(String mechanism) throws Exception {
        if (!Slapd.available()) {
            throw new AssertionError("/usr/sbin/slapd is missing: install the Debian package slapd (.ci/run does)");
        }
        List<Entry> company = DemoCompany.entries(new DemoOptions(PEOPLE, 23, 0));
        // A server ID (multi-provider OpenLDAP) puts "sid=" into cookies; galdav must not send it back.
        int sessionlog = mechanism.equals("syncrepl-present-phase") ? 0 : 1_000;
        int serverId = mechanism.equals("syncrepl-server-id") ? 1 : 0;
        Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, true, List.of(), sessionlog, serverId));
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
}
