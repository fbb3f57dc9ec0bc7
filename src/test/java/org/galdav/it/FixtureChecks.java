package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the tests of the real-server fixtures ({@code SlapdIT}, {@code Ds389IT}, {@code SambaAdIT})
 * check alike: a small directory of people, binds and searches as one of them, paged searches run
 * to the end, and that {@link PrivateDirectoryServer#close()} leaves nothing behind.
 */
public final class FixtureChecks {

    private FixtureChecks() {
    }

    /**
     * The organizational unit {@code peopleDn} ({@code ou=people,...}) and {@code count} people
     * {@code user01}, {@code user02}, ... below it, each with the mail {@code <uid>@example.org}
     * and the password {@link #password(int)}.
     */
    public static List<Entry> people(String peopleDn, int count) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(peopleDn,
                new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "people")));
        for (int i = 1; i <= count; i++) {
            String uid = String.format("user%02d", i);
            entries.add(new Entry(userDn(peopleDn, i),
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", uid),
                    new Attribute("cn", "User " + i),
                    new Attribute("sn", "Number" + i),
                    new Attribute("givenName", "User"),
                    new Attribute("mail", uid + "@example.org"),
                    new Attribute("userPassword", password(i))));
        }
        return entries;
    }

    public static String userDn(String peopleDn, int i) {
        return String.format("uid=user%02d,%s", i, peopleDn);
    }

    public static String password(int i) {
        return String.format("secret-user%02d", i);
    }

    /** A new connection to {@code server} bound as person {@code i} of {@link #people}. */
    public static LDAPConnection connectAsUser(PrivateDirectoryServer server, String peopleDn, int i)
            throws LDAPException {
        return new LDAPConnection(server.host(), server.port(), userDn(peopleDn, i), password(i));
    }

    /** Checks that {@code c} cannot bind as {@code dn} with {@code password}: invalidCredentials. */
    public static void assertInvalidCredentials(LDAPConnection c, String dn, String password) {
        assertThatThrownBy(() -> c.bind(dn, password))
                .isInstanceOfSatisfying(LDAPException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }

    /** Checks that the plain {@code request} ends in sizeLimitExceeded after {@code sizeLimit} entries. */
    public static void assertCappedAt(LDAPConnection c, SearchRequest request, int sizeLimit) {
        assertThatThrownBy(() -> c.search(request))
                .isInstanceOfSatisfying(LDAPSearchException.class, e -> {
                    assertThat(e.getResultCode()).isEqualTo(ResultCode.SIZE_LIMIT_EXCEEDED);
                    assertThat(e.getEntryCount()).isEqualTo(sizeLimit);
                });
    }

    /** The result of {@code request}, also when it ends in an error (e.g. a size limit). */
    public static SearchResult searchAllowingFailure(LDAPConnection c, SearchRequest request) {
        try {
            return c.search(request);
        } catch (LDAPSearchException e) {
            return e.getSearchResult();
        }
    }

    /** Runs {@code request} as an RFC 2696 paged search to the end (or its first error). */
    public static PagedOutcome pagedSearch(LDAPConnection c, SearchRequest request, int pageSize)
            throws LDAPException {
        List<SearchResultEntry> entries = new ArrayList<>();
        List<ResultCode> codes = new ArrayList<>();
        ASN1OctetString cookie = null;
        while (true) {
            SearchRequest page = request.duplicate();
            page.setControls(new SimplePagedResultsControl(pageSize, cookie, true));
            SearchResult result = searchAllowingFailure(c, page);
            entries.addAll(result.getSearchEntries());
            codes.add(result.getResultCode());
            SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
            if (result.getResultCode() != ResultCode.SUCCESS || response == null || !response.moreResultsToReturn()) {
                return new PagedOutcome(entries, codes);
            }
            cookie = response.getCookie();
        }
    }

    /** What a paged search returned: every entry, and each page's result code. */
    public record PagedOutcome(List<SearchResultEntry> entries, List<ResultCode> pageCodes) {
        public ResultCode last() {
            return pageCodes.get(pageCodes.size() - 1);
        }
    }

    /** A check on a running server. */
    @FunctionalInterface
    public interface Check<S> {
        void run(S server) throws Exception;
    }

    /**
     * Runs {@code whileRunning} on {@code server}, then closes it twice (the second time does
     * nothing) and checks that its process, named {@code command}, is gone, its directory deleted
     * and its port closed. Closes the server also when a check fails.
     */
    public static <S extends PrivateDirectoryServer> void assertCloseStopsTheServerAndRemovesItsDirectory(
            S server, String command, Check<S> whileRunning) throws Exception {
        Path dir = server.directory();
        Optional<ProcessHandle> handle;
        try {
            whileRunning.run(server);
            handle = ProcessHandle.of(server.pid());
            assertThat(handle).isPresent();
            assertThat(handle.get().isAlive()).isTrue();
            assertThat(handle.get().info().command()).hasValueSatisfying(cmd -> assertThat(cmd).endsWith(command));
            assertThat(dir).isDirectory();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }

        server.close();
        server.close(); // idempotent

        assertThat(handle.get().isAlive()).isFalse();
        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> new Socket(server.host(), server.port()).close()).isInstanceOf(ConnectException.class);
    }
}
