package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two reads side by side: best effort reads every refusal as "not found"; confirming absence does
 * so only for the answers that mean absent, and throws for the rest. Both throw on an outage.
 */
class EntryReadsTest {
    private static final Filter PERSON = Filter.createEqualityFilter("objectClass", "inetOrgPerson");
    private static final String[] CN = {"cn"};
    private static final String PERSON_DN = "uid=p1," + TestLdap.PEOPLE;

    private TestLdap ldap;
    private Connections connections;
    private final List<Long> observed = new ArrayList<>();
    private EntryReads reads;

    @BeforeEach
    void start() throws LDAPException {
        ldap = TestLdap.start(3, 0);
        connections = Connections.open(ldap.settings(1, 10), new CircuitBreaker(new FakeTime()));
        SearchTimer timer = new SearchTimer((filter, entries, pages, nanos) -> observed.add(entries), TimeSource.SYSTEM);
        reads = new EntryReads(connections, new PagedSearch(connections, timer, 10), timer);
    }

    @AfterEach
    void stop() {
        connections.close();
        ldap.close();
    }

    @Test
    void bothReadAnEntryThatIsThere() {
        assertThat(reads.readBestEffort(PERSON_DN, PERSON, CN)).map(SearchResultEntry::getAttributes)
                .hasValueSatisfying(a -> assertThat(a).extracting(com.unboundid.ldap.sdk.Attribute::getValue)
                        .containsExactly("Person 1"));
        assertThat(reads.readConfirmingAbsence(PERSON_DN, PERSON, CN)).map(e -> e.getAttributeValue("cn"))
                .contains("Person 1");
        assertThat(observed).containsExactly(1L, 1L);
    }

    @Test
    void bothFindNothingWhereThereIsNoEntryOrTheFilterLeavesItOut() {
        String missing = "uid=nobody," + TestLdap.PEOPLE;
        Filter group = Filter.createEqualityFilter("objectClass", "groupOfNames");

        assertThat(reads.readBestEffort(missing, PERSON, CN)).isEmpty();
        assertThat(reads.readConfirmingAbsence(missing, PERSON, CN)).isEmpty();
        assertThat(reads.readBestEffort(PERSON_DN, group, CN)).isEmpty();
        assertThat(reads.readConfirmingAbsence(PERSON_DN, group, CN)).isEmpty();
    }

    /** What a read gives back for an answer. */
    enum Reading { NOT_FOUND, UNAVAILABLE }

    /**
     * Answers that mean absent (hidden from this identity, a referral, a DN the server cannot take) are
     * "not found" for both; other answers (a limit, unwilling) only for best effort, as the entry may well
     * be there; answers after which the SDK deems the connection unusable (busy, unavailable, other) are
     * outages for both.
     */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, Reading.NOT_FOUND, Reading.NOT_FOUND),
                Arguments.of(ResultCode.REFERRAL, Reading.NOT_FOUND, Reading.NOT_FOUND),
                Arguments.of(ResultCode.INVALID_DN_SYNTAX, Reading.NOT_FOUND, Reading.NOT_FOUND),
                Arguments.of(ResultCode.NAMING_VIOLATION, Reading.NOT_FOUND, Reading.NOT_FOUND),
                Arguments.of(ResultCode.TIME_LIMIT_EXCEEDED, Reading.NOT_FOUND, Reading.UNAVAILABLE),
                Arguments.of(ResultCode.ADMIN_LIMIT_EXCEEDED, Reading.NOT_FOUND, Reading.UNAVAILABLE),
                Arguments.of(ResultCode.UNWILLING_TO_PERFORM, Reading.NOT_FOUND, Reading.UNAVAILABLE),
                Arguments.of(ResultCode.INAPPROPRIATE_MATCHING, Reading.NOT_FOUND, Reading.UNAVAILABLE),
                Arguments.of(ResultCode.BUSY, Reading.UNAVAILABLE, Reading.UNAVAILABLE),
                Arguments.of(ResultCode.UNAVAILABLE, Reading.UNAVAILABLE, Reading.UNAVAILABLE),
                Arguments.of(ResultCode.OTHER, Reading.UNAVAILABLE, Reading.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0}: best effort {1}, confirming absence {2}")
    @MethodSource("answers")
    void eachReadMakesOfAnAnswerWhatItsNameSays(ResultCode answer, Reading bestEffort, Reading confirming) {
        ldap.refuseSearches(PERSON_DN::equalsIgnoreCase, answer);

        assertThat(reading(() -> reads.readBestEffort(PERSON_DN, PERSON, CN))).isEqualTo(bestEffort);
        assertThat(reading(() -> reads.readConfirmingAbsence(PERSON_DN, PERSON, CN))).isEqualTo(confirming);
    }

    private static Reading reading(Supplier<Optional<SearchResultEntry>> read) {
        try {
            assertThat(read.get()).isEmpty();
            return Reading.NOT_FOUND;
        } catch (SourceUnavailableException e) {
            return Reading.UNAVAILABLE;
        }
    }

    @Test
    void bothThrowWhenTheDirectoryIsDown() {
        ldap.close();

        assertThatThrownBy(() -> reads.readBestEffort(PERSON_DN, PERSON, CN))
                .isInstanceOf(SourceUnavailableException.class);
        assertThatThrownBy(() -> reads.readConfirmingAbsence(PERSON_DN, PERSON, CN))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void aRefusedReadLeavesTheConnectionInThePool() throws LDAPException {
        long connection = connectionId();
        ldap.refuseSearches(PERSON_DN::equalsIgnoreCase, ResultCode.UNWILLING_TO_PERFORM);
        assertThat(reads.readBestEffort(PERSON_DN, PERSON, CN)).isEmpty();
        assertThatThrownBy(() -> reads.readConfirmingAbsence(PERSON_DN, PERSON, CN))
                .isInstanceOf(SourceUnavailableException.class);
        ldap.refuseSearches(dn -> false, null);

        assertThat(reads.readConfirmingAbsence(PERSON_DN, PERSON, CN)).isPresent();
        assertThat(connectionId()).isEqualTo(connection);
    }

    @Test
    void onlyConfirmingAbsenceCompletesRangedAttributes() throws LDAPException {
        ldap.add("dn: cn=big," + TestLdap.BASE, "objectClass: top", "objectClass: groupOfNames", "cn: big",
                "member: uid=p0," + TestLdap.PEOPLE, "member: uid=p1," + TestLdap.PEOPLE,
                "member: uid=p2," + TestLdap.PEOPLE);
        ldap.sliceAttribute("member", 2);
        String[] member = {"member"};
        Filter group = Filter.createEqualityFilter("objectClass", "groupOfNames");

        Optional<SearchResultEntry> whole = reads.readConfirmingAbsence("cn=big," + TestLdap.BASE, group, member);
        Optional<SearchResultEntry> raw = reads.readBestEffort("cn=big," + TestLdap.BASE, group, member);

        assertThat(whole.get().getAttributeValues("member")).hasSize(3);
        assertThat(raw.get().getAttributes()).extracting(com.unboundid.ldap.sdk.Attribute::getName)
                .containsExactly("member;range=0-1");
    }

    /** Which connection the pool lends now. */
    private long connectionId() throws LDAPException {
        return connections.withConnection("test", connection -> connection.getConnectionID());
    }
}
