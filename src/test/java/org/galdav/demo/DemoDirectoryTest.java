package org.galdav.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo company over real LDAP: binds, searches, stable operational attributes, size limits. */
class DemoDirectoryTest {

    private static final String DEMO_DN = "uid=demo," + DemoCompany.PEOPLE_DN;

    private static DemoDirectory directory;

    @BeforeAll
    static void start() throws LDAPException {
        directory = DemoDirectory.start(DemoOptions.defaults());
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    @Test
    void listensOnLoopback() {
        assertThat(directory.port()).isPositive();
        assertThat(directory.url()).isEqualTo("ldap://127.0.0.1:" + directory.port());
        assertThat(directory.baseDn()).isEqualTo(DemoCompany.BASE_DN);
    }

    @Test
    void theDemoUserCanBindWithItsPasswordOnly() throws LDAPException {
        try (LDAPConnection connection = connect()) {
            assertThat(connection.bind(DEMO_DN, DemoCompany.DEMO_PASSWORD).getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
            assertThatThrownBy(() -> connection.bind(DEMO_DN, "wrong"))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
            assertThat(connection.bind("uid=jmuller," + DemoCompany.PEOPLE_DN, "jmuller").getResultCode())
                    .isEqualTo(ResultCode.SUCCESS);
        }
    }

    @Test
    void theServiceAccountSeesEveryPerson() throws LDAPException {
        long generated = DemoCompany.entries(DemoOptions.defaults()).stream()
                .filter(e -> e.hasObjectClass("inetOrgPerson")).count();
        try (LDAPConnection connection = connect()) {
            connection.bind(DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD);
            SearchResult people = connection.search(DemoCompany.PEOPLE_DN, SearchScope.ONE,
                    "(objectClass=inetOrgPerson)", "uid");
            assertThat(people.getEntryCount()).isEqualTo((int) generated).isGreaterThanOrEqualTo(1200);
            SearchResult found = connection.search(DemoCompany.BASE_DN, SearchScope.SUB, "(cn=山田*)", "cn");
            assertThat(found.getSearchEntries()).extracting(e -> e.getAttributeValue("cn")).contains("山田 太郎");
        }
    }

    @Test
    void generatedOperationalAttributesAreServedAsGiven() throws LDAPException {
        Entry generated = DemoCompany.entries(DemoOptions.defaults()).stream()
                .filter(e -> e.getDN().equals(DEMO_DN)).findFirst().orElseThrow();
        SearchResultEntry served = directory.server().getEntry(DEMO_DN, "+");
        for (String attribute : List.of("entryUUID", "createTimestamp", "modifyTimestamp")) {
            assertThat(served.getAttributeValue(attribute)).as(attribute)
                    .isEqualTo(generated.getAttributeValue(attribute));
        }
    }

    @Test
    void entryUuidsAreStableAcrossStarts() throws LDAPException {
        try (DemoDirectory second = DemoDirectory.start(DemoOptions.defaults())) {
            assertThat(second.port()).isNotEqualTo(directory.port());
            assertThat(uuids(second)).hasSizeGreaterThan(1200).isEqualTo(uuids(directory));
        }
    }

    @Test
    void modificationsUpdateModifyTimestampButNotEntryUuid() throws LDAPException {
        try (DemoDirectory small = DemoDirectory.start(new DemoOptions(50, 3, 0))) {
            SearchResultEntry before = small.server().getEntry(DEMO_DN, "+");
            small.server().modify(DEMO_DN, new Modification(ModificationType.REPLACE, "title", "Chief Demo Officer"));
            SearchResultEntry after = small.server().getEntry(DEMO_DN, "*", "+");
            assertThat(after.getAttributeValue("title")).isEqualTo("Chief Demo Officer");
            assertThat(after.getAttributeValue("entryUUID")).isEqualTo(before.getAttributeValue("entryUUID"));
            assertThat(after.getAttributeValue("modifyTimestamp"))
                    .isGreaterThan(before.getAttributeValue("modifyTimestamp"));
            assertThat(after.getAttributeValue("createTimestamp")).isEqualTo(before.getAttributeValue("createTimestamp"));
        }
    }

    /** Documents how UnboundID applies the size limit: per request, so per page of a paged search. */
    @Test
    void theSizeLimitAppliesToEachPageOfAPagedSearch() throws LDAPException {
        try (DemoDirectory limited = DemoDirectory.start(new DemoOptions(100, 1, 25));
             LDAPConnection connection = limited.server().getConnection()) {
            connection.bind(DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD);
            int people = limited.server().countEntriesBelow(DemoCompany.PEOPLE_DN) - 1;
            assertThat(people).isEqualTo(100);

            assertThatThrownBy(() -> connection.search(DemoCompany.PEOPLE_DN, SearchScope.ONE, "(uid=*)"))
                    .isInstanceOfSatisfying(LDAPSearchException.class, e -> {
                        assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
                        assertThat(e.getEntryCount()).isEqualTo(25);
                    });
            assertThat(pagedCount(connection, 25)).isEqualTo(people);
            assertThat(pagedCount(connection, 10)).isEqualTo(people);
            assertThatThrownBy(() -> pagedCount(connection, 26))
                    .isInstanceOfSatisfying(LDAPSearchException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED));
        }
    }

    @Test
    void theAccessLogGoesToItsLogger() throws LDAPException {
        Logger logger = Logger.getLogger(DemoDirectory.ACCESS_LOG);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(handler);
        try (LDAPConnection connection = connect()) {
            connection.bind(DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD);
            connection.search(DemoCompany.PEOPLE_DN, SearchScope.ONE, "(uid=demo)", "cn");
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(level);
        }
        assertThat(lines).anyMatch(line -> line.contains("SEARCH") && line.contains("uid=demo"));
        assertThat(lines).anyMatch(line -> line.contains("BIND") && line.contains(DemoCompany.SERVICE_DN));
    }

    private static int pagedCount(LDAPConnection connection, int pageSize) throws LDAPException {
        int total = 0;
        ASN1OctetString cookie = null;
        do {
            SearchRequest request = new SearchRequest(DemoCompany.PEOPLE_DN, SearchScope.ONE, "(uid=*)", "uid");
            request.addControl(new SimplePagedResultsControl(pageSize, cookie, true));
            SearchResult page = connection.search(request);
            total += page.getEntryCount();
            SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
            cookie = response == null ? null : response.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
        return total;
    }

    private static Map<String, String> uuids(DemoDirectory dir) throws LDAPException {
        return dir.server().search(DemoCompany.BASE_DN, SearchScope.SUB, "(objectClass=*)", "entryUUID")
                .getSearchEntries().stream()
                .collect(Collectors.toMap(Entry::getDN, e -> e.getAttributeValue("entryUUID")));
    }

    private static LDAPConnection connect() throws LDAPException {
        return new LDAPConnection("127.0.0.1", directory.port());
    }
}
