package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import org.galdav.core.TimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Range splitting against an in-memory server whose size limit caps each search as a whole (paging
 * ignored, like OpenLDAP's plain {@code sizelimit}): the listing must come out complete, each entry once.
 */
class UuidRangeSplitterTest {
    private static final Filter PEOPLE = Filter.createEqualityFilter("objectClass", "inetOrgPerson");
    private static final String[] UID = {"uid"};

    private TestLdap ldap;
    private Directory directory;
    private final List<Filter> searches = new ArrayList<>();

    private void start(int people, int sizeLimit) throws LDAPException {
        ldap = TestLdap.start(people, sizeLimit);
        ldap.ignorePaging();
        directory = Directory.connect(ldap.settings(2, 10), (filter, entries, pages, nanos) -> searches.add(filter),
                TimeSource.SYSTEM);
    }

    @AfterEach
    void stop() {
        directory.close();
        ldap.close();
    }

    @Test
    void withoutALimitOneSearchIsEnough() throws LDAPException {
        start(40, 0);
        List<String> dns = new ArrayList<>();

        SearchOutcome outcome = listAll(dns);

        assertThat(dns).hasSize(41).doesNotHaveDuplicates();
        assertThat(outcome.complete()).isTrue();
        assertThat(searches).containsExactly(PEOPLE);
    }

    @Test
    void aSizeLimitIsCompletedInRangesEachEntryOnce() throws LDAPException {
        start(60, 7);
        List<String> dns = new ArrayList<>();

        SearchOutcome outcome = listAll(dns);

        assertThat(dns).hasSize(61).doesNotHaveDuplicates();
        assertThat(outcome.entries()).isEqualTo(61);
        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.limited()).isFalse();
        assertThat(searches).hasSizeGreaterThan(16);
    }

    @Test
    void rangesStillOverTheLimitAreSplitFurther() throws LDAPException {
        start(60, 2);
        List<String> dns = new ArrayList<>();

        SearchOutcome outcome = listAll(dns);

        assertThat(dns).hasSize(61).doesNotHaveDuplicates();
        assertThat(outcome.complete()).isTrue();
        assertThat(searches).hasSizeGreaterThan(1 + 16 + 16);
    }

    @Test
    void aRangeOverTheLimitAtTheFinestSplitLeavesTheListingIncomplete() throws LDAPException {
        start(0, 2);
        for (int i = 0; i < 3; i++) {
            ldap.addPerson("x" + i, "abcde00" + i + "-0000-4000-8000-000000000000");
        }
        List<String> dns = new ArrayList<>();

        SearchOutcome outcome = listAll(dns);

        assertThat(dns).doesNotHaveDuplicates();
        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.limited()).isTrue();
    }

    @Test
    void aHandlerThatStopsInANestedRangeIsNotCalledAgain() throws LDAPException {
        start(60, 2);
        List<String> dns = new ArrayList<>();

        SearchOutcome outcome = directory.searchAll(TestLdap.PEOPLE, PEOPLE, UID, "entryUUID", 10, entry -> {
            dns.add(entry.getDN());
            return dns.size() < 20;
        });

        assertThat(dns).hasSize(20).doesNotHaveDuplicates();
        assertThat(outcome.entries()).isEqualTo(20);
        assertThat(outcome.complete()).isFalse();
    }

    @Test
    void moreEntriesBeforeTheLimitThanCanBeRememberedGivesUpSplitting() throws LDAPException {
        start(60, 7);
        List<String> dns = new ArrayList<>();
        UuidRangeSplitter splitter = new UuidRangeSplitter(
                (filter, handler) -> directory.search(TestLdap.PEOPLE, filter, UID, handler), 5);

        SearchOutcome outcome = splitter.searchAll(TestLdap.PEOPLE, PEOPLE, "entryUUID", collect(dns));

        assertThat(dns).hasSize(7);
        assertThat(outcome.complete()).isFalse();
        assertThat(outcome.limited()).isTrue();
        assertThat(searches).hasSize(1);
    }

    /** Every person, past the size limit, their DNs collected. */
    private SearchOutcome listAll(List<String> dns) {
        return directory.searchAll(TestLdap.PEOPLE, PEOPLE, UID, "entryUUID", 10, collect(dns));
    }

    private static EntryHandler collect(List<String> dns) {
        return entry -> dns.add(entry.getDN());
    }
}
