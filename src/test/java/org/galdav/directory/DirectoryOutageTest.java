package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.galdav.core.Deadline;
import org.galdav.core.DeadlineExceededException;
import org.galdav.core.SourceUnavailableException;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The directory layer against a server that hangs, dies or outlives the request: short waits during a
 * request and long ones in the background, the request's deadline obeyed before and during a search, the
 * breaker refusing at once after a failure, and a search whose server dies started over once on the next
 * one without handing an entry over twice. In-memory servers that hang or drop connections when told to.
 */
class DirectoryOutageTest {
    private static final Filter PEOPLE = Filter.createEqualityFilter("objectClass", "inetOrgPerson");
    private static final String[] UID = {"uid"};
    /** Request timeout 200 ms (for servers that hang), probes every 50 ms within 1 s. */
    private static final LdapTimeouts SHORT = new LdapTimeouts(Duration.ofMillis(200), Duration.ofMillis(50),
            Duration.ofSeconds(1));

    private final FakeTime time = new FakeTime();
    private final CircuitBreaker breaker = new CircuitBreaker(time);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private TestLdap server() throws LDAPException {
        TestLdap ldap = TestLdap.start(24, 0); // 25 people with the user
        opened.add(ldap);
        return ldap;
    }

    private PagedSearch paging(LdapSettings settings) throws LDAPException {
        Connections connections = Connections.open(settings, breaker);
        opened.add(connections);
        return new PagedSearch(connections, new SearchTimer(SearchObserver.NONE, time), 10);
    }

    /** A request's deadline, a minute from now on the fake clock, opened on this thread. */
    private Deadline.Scope request(Duration budget) {
        Deadline.Scope scope = Deadline.after(budget, time, () -> false).open();
        opened.add(scope);
        return scope;
    }

    private static List<String> everyone(PagedSearch paging) throws LDAPException {
        List<String> dns = new ArrayList<>();
        paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> dns.add(entry.getDN()));
        return dns;
    }

    @Test
    void duringARequestAHungServerIsWaitedForBrieflyThenRefusedAtOnce() throws LDAPException {
        TestLdap ldap = server();
        PagedSearch paging = paging(ldap.settings(2, 10, SHORT));
        assertThat(everyone(paging)).hasSize(25);
        ldap.hangSearches(base -> true);
        request(Duration.ofMinutes(1));

        assertThatThrownBy(() -> everyone(paging)).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("timeout");
        assertThat(breaker.isOpen()).isTrue();
        long sent = ldap.searchesOf(TestLdap.PEOPLE);
        assertThatThrownBy(() -> everyone(paging)).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("not sent");
        assertThat(ldap.searchesOf(TestLdap.PEOPLE)).as("refused without asking the server").isEqualTo(sent);
    }

    @Test
    void outsideARequestTheLongerOperationTimeoutApplies() throws LDAPException {
        TestLdap ldap = server();
        // The same server and search: 200 ms is too short for it, the background's 5 s is not.
        ldap.hangSearches(TestLdap.PEOPLE::equalsIgnoreCase);
        PagedSearch paging = paging(ldap.settings(2, 10, SHORT));
        Thread answerSoon = new Thread(() -> {
            try {
                while (ldap.searchesOf(TestLdap.PEOPLE) == 0) {
                    Thread.onSpinWait();
                }
                new java.util.concurrent.CountDownLatch(1).await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ldap.answerAgain();
        });
        answerSoon.start();
        assertThat(everyone(paging)).as("a background listing outwaits a slow answer").hasSize(25);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aRequestWhoseTimeIsUpSendsNothingAndDoesNotBlameTheDirectory() throws LDAPException {
        TestLdap ldap = server();
        PagedSearch paging = paging(ldap.settings(2, 10, SHORT));
        request(Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> everyone(paging)).isInstanceOf(DeadlineExceededException.class);
        assertThat(ldap.searchesOf(TestLdap.PEOPLE)).isZero();
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void theDeadlinePassingMidSearchStopsItAtTheNextEntry() throws LDAPException {
        TestLdap ldap = server();
        PagedSearch paging = paging(ldap.settings(1, 10, TestLdap.TIMEOUTS));
        request(Duration.ofSeconds(10));
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> paging.pooled(TestLdap.PEOPLE, SearchScope.SUB, PEOPLE, UID, 10, entry -> {
            seen.add(entry.getDN());
            if (seen.size() == 3) {
                time.advance(Duration.ofSeconds(11));
            }
            return true;
        })).isInstanceOf(DeadlineExceededException.class);
        assertThat(seen).hasSize(3);
        assertThat(breaker.isOpen()).isFalse();
        try (Deadline.Scope background = Deadline.NONE.open()) {
            assertThat(everyone(paging)).as("the pool has a working connection again").hasSize(25);
        }
    }

    @Test
    void aTimeoutTheDeadlineCutShortIsTheRequestsNotTheDirectorys() throws LDAPException {
        TestLdap ldap = server();
        PagedSearch paging = paging(ldap.settings(2, 10, new LdapTimeouts(Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofSeconds(1))));
        ldap.hangSearches(TestLdap.PEOPLE::equalsIgnoreCase);
        request(Duration.ofMillis(100)); // less than the request timeout: the wait is the deadline's

        assertThatThrownBy(() -> everyone(paging)).isInstanceOf(DeadlineExceededException.class);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aSearchWhoseServerDiedStartsOverOnTheNextServer() throws LDAPException {
        TestLdap first = server();
        TestLdap second = server();
        PagedSearch paging = paging(TestLdap.settings(List.of(first.url(), second.url()), 1, 10, TestLdap.TIMEOUTS));
        request(Duration.ofMinutes(1));
        assertThat(everyone(paging)).hasSize(25);
        first.close();

        assertThat(everyone(paging)).hasSize(25).doesNotHaveDuplicates();
        assertThat(second.searchesOf(TestLdap.PEOPLE)).isEqualTo(3);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aSearchCutOffMidStreamStartsOverWithoutHandingAnEntryOverTwice() throws LDAPException {
        TestLdap ldap = server();
        PagedSearch paging = paging(ldap.settings(1, 10, TestLdap.TIMEOUTS));
        request(Duration.ofMinutes(1));
        ldap.dropConnectionsAfter(12); // in the second page

        List<String> dns = everyone(paging);
        assertThat(dns).hasSize(25).doesNotHaveDuplicates();
        assertThat(ldap.searchesOf(TestLdap.PEOPLE)).as("the first try's pages, then three more").isGreaterThan(3);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void healthAnswersFalseWithinTheProbeTimeoutForAHungServerAndTrueWhenItAnswersAgain() throws Exception {
        TestLdap ldap = server();
        LdapTimeouts timeouts = new LdapTimeouts(Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(200));
        Directory directory = Directory.connect(ldap.settings(2, 10, timeouts), SearchObserver.NONE, time);
        opened.add(directory);
        assertThat(directory.answersProbe()).isTrue();
        ldap.hangSearches(base -> true);
        assertThat(directory.answersProbe()).isFalse();
        ldap.answerAgain();
        boolean back = false;
        for (int i = 0; i < 3_000 && !back; i++) { // a hang guard: the probe runs every 20 ms
            back = directory.answersProbe();
            new java.util.concurrent.CountDownLatch(1).await(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertThat(back).isTrue();
    }
}
