package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one paging loop, on its own against an in-memory server: pages, stopping, limits, failures. */
class PagedSearchTest {
    private static final Filter PEOPLE = Filter.createEqualityFilter("objectClass", "inetOrgPerson");
    private static final String[] UID = {"uid"};

    private TestLdap ldap;
    private Connections connections;
    private final List<Integer> observedPages = new ArrayList<>();
    private final List<Long> observedEntries = new ArrayList<>();
    private PagedSearch paging;

    @BeforeEach
    void start() throws LDAPException {
        ldap = TestLdap.start(24, 0); // 25 people with the user
        // One pooled connection: whatever a search leaves behind, the next one meets.
        connections = Connections.open(ldap.settings(1, 10), new CircuitBreaker(new FakeTime()));
        paging = new PagedSearch(connections, new SearchTimer((filter, entries, pages, nanos) -> {
            observedEntries.add(entries);
            observedPages.add(pages);
        }, TimeSource.SYSTEM), 10);
    }

    @AfterEach
    void stop() {
        connections.close();
        ldap.close();
    }

    @Test
    void deliversEveryEntryPageByPage() throws LDAPException {
        List<String> dns = new ArrayList<>();
        PagedSearch.Run run = paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> {
            dns.add(entry.getDN());
            return true;
        });

        assertThat(dns).hasSize(25).doesNotHaveDuplicates();
        assertThat(run.outcome()).isEqualTo(new SearchOutcome(25, 3, true, false));
        assertThat(ldap.pageSizes()).containsExactly(10, 10, 10);
        assertThat(observedPages).containsExactly(3);
        assertThat(observedEntries).containsExactly(25L);
    }

    @Test
    void aHandlerThatStopsGetsNoMoreAndTheServerIsToldToDropTheRest() throws LDAPException {
        long connection = connectionId();
        List<String> dns = new ArrayList<>();
        PagedSearch.Run run = paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> {
            dns.add(entry.getDN());
            return dns.size() < 12;
        });

        assertThat(dns).hasSize(12);
        assertThat(run.outcome()).isEqualTo(new SearchOutcome(12, 2, false, false));
        // Two pages asked for, then page size 0 with the cookie (RFC 2696 §3).
        assertThat(ldap.pageSizes()).containsExactly(10, 10, 0);
        // The same connection is lent again, and it works.
        assertThat(connectionId()).isEqualTo(connection);
        assertThat(paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> true).entries())
                .isEqualTo(25);
    }

    @Test
    void aFailingHandlersExceptionIsRethrownOnceTheConnectionIsBack() throws LDAPException {
        long connection = connectionId();
        IllegalStateException failure = new IllegalStateException("handler failed");
        List<String> dns = new ArrayList<>();

        assertThatThrownBy(() -> paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> {
            dns.add(entry.getDN());
            if (dns.size() == 3) {
                throw failure;
            }
            return true;
        })).isSameAs(failure);

        assertThat(dns).hasSize(3);
        assertThat(observedPages).as("a failed search is not reported").isEmpty();
        assertThat(connectionId()).as("drained and returned, not discarded").isEqualTo(connection);
    }

    @Test
    void theServersSizeLimitIsAnOutcomeNotAnError() throws LDAPException {
        ldap.close();
        connections.close();
        ldap = TestLdap.start(24, 7);
        ldap.ignorePaging();
        connections = Connections.open(ldap.settings(1, 10), new CircuitBreaker(new FakeTime()));
        paging = new PagedSearch(connections, new SearchTimer(SearchObserver.NONE, TimeSource.SYSTEM), 10);

        PagedSearch.Run run = paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> true);

        assertThat(run.outcome()).isEqualTo(new SearchOutcome(7, 1, false, true));
        assertThat(run.ending().getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
    }

    @Test
    void aMissingBaseIsAnEmptyCompleteResult() throws LDAPException {
        PagedSearch.Run run = paging.pooled("ou=nowhere," + TestLdap.BASE, SearchScope.SUB, PEOPLE, UID, 10,
                entry -> true);

        assertThat(run.outcome()).isEqualTo(new SearchOutcome(0, 1, true, false));
    }

    @Test
    void otherAnswersAreThrownForTheCallerToInterpret() {
        ldap.refuseSearches(TestLdap.PEOPLE::equals, ResultCode.UNWILLING_TO_PERFORM);

        assertThatThrownBy(() -> paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> true))
                .isInstanceOf(LDAPException.class)
                .extracting(e -> ((LDAPException) e).getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM);
    }

    @Test
    void anOutageIsSourceUnavailable() {
        ldap.close();

        assertThatThrownBy(() -> paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> true))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void onAHeldConnectionEveryEntryArrivesInPagesOfTheConfiguredSize() throws LDAPException {
        List<String> dns = new ArrayList<>();

        long count = connections.withConnection("test", connection -> paging.everyEntry(connection, TestLdap.PEOPLE,
                PEOPLE, UID, List.of(), entry -> dns.add(entry.getDN())));

        assertThat(count).isEqualTo(25);
        assertThat(new HashSet<>(dns)).hasSize(25);
        assertThat(ldap.pageSizes()).containsExactly(10, 10, 10);
        assertThat(observedPages).containsExactly(3);
    }

    @Test
    void onAHeldConnectionAnyEndingButSuccessIsThrownWithTheServersCode() {
        assertThatThrownBy(() -> connections.withConnection("test", connection -> paging.everyEntry(connection,
                "ou=nowhere," + TestLdap.BASE, PEOPLE, UID, List.of(), entry -> { })))
                .isInstanceOf(LDAPSearchException.class)
                .extracting(e -> ((LDAPException) e).getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
    }

    /** Which connection the pool lends now. */
    private long connectionId() throws LDAPException {
        return connections.withConnection("test", connection -> connection.getConnectionID());
    }
}
