package org.galdav.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.galdav.core.CredentialsRejectedException;
import org.galdav.core.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only door to LDAP: a health-checked connection pool bound as the service account, paged and
 * streamed searches, and credential checks. Nothing here writes to the directory.
 */
public final class Directory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Directory.class);
    /** Most entries remembered to avoid duplicates when a size limit forces range splitting. */
    private static final int MAX_REMEMBERED = 100_000;

    private final LDAPConnectionPool pool;
    private final LdapSettings settings;
    private final SearchObserver observer;
    /** Present for a view that searches as a user: each operation binds as them, then the pool re-binds. */
    private final Optional<SimpleBindRequest> userBind;

    private Directory(LDAPConnectionPool pool, LdapSettings settings, SearchObserver observer,
                      Optional<SimpleBindRequest> userBind) {
        this.pool = pool;
        this.settings = settings;
        this.observer = observer;
        this.userBind = userBind;
    }

    /**
     * A view that searches with the user's own bind, so that the directory's access controls apply to
     * what they see. It shares the pool; closing it does nothing.
     */
    public Directory boundAs(String userDn, String password) {
        return new Directory(pool, settings, observer, Optional.of(new SimpleBindRequest(userDn, password)));
    }

    /**
     * Creates the pool. A directory that is down at start is not fatal: the pool connects lazily and
     * requests answer 503 until it is back.
     */
    public static Directory connect(LdapSettings settings, SearchObserver observer) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.operationTimeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setUseKeepAlive(true);
        // Results are read by the calling thread, so a failing handler fails the caller, not a reader thread.
        options.setUseSynchronousMode(true);
        SimpleBindRequest bind = settings.bindDn().isEmpty()
                ? null : new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
        LDAPConnectionPool pool = new LDAPConnectionPool(ConnectionFactory.serverSet(settings, options), bind,
                1, settings.poolSize(), 1, ConnectionFactory.postConnect(settings), false);
        pool.setConnectionPoolName("galdav");
        pool.setMaxConnectionAgeMillis(settings.maxConnectionAge().toMillis());
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        // Checks a connection by reading the root DSE before handing it out after a failure.
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", settings.operationTimeout().toMillis(),
                false, false, false, true, true));
        pool.setHealthCheckIntervalMillis(30_000L);
        return new Directory(pool, settings, observer, Optional.empty());
    }

    /**
     * Searches the subtree below {@code baseDn}, page by page, handing each entry to {@code handler}
     * as it arrives. Only the listed attributes are transferred; nothing is buffered.
     */
    public SearchOutcome search(String baseDn, Filter filter, String[] attributes, EntryHandler handler) {
        return search(baseDn, SearchScope.SUB, filter, attributes, settings.pageSize(), handler);
    }

    /** Like {@link #search(String, Filter, String[], EntryHandler)} with smaller pages, for searches that stop early. */
    public SearchOutcome search(String baseDn, Filter filter, String[] attributes, int pageSize, EntryHandler handler) {
        return search(baseDn, SearchScope.SUB, filter, attributes, pageSize(pageSize), handler);
    }

    private int pageSize(int wanted) {
        return Math.max(1, Math.min(wanted, settings.pageSize()));
    }

    /**
     * Like {@link #search(String, Filter, String[], EntryHandler)}, but complete even where the server
     * caps paged searches below the result size (OpenLDAP's plain {@code sizelimit} does): the rest is
     * fetched in disjoint ranges of {@code uuidAttribute}, split further wherever a range is still too
     * large. Entries delivered before the limit struck are remembered (at most as many as the limit)
     * so none is delivered twice.
     */
    public SearchOutcome searchAll(String baseDn, Filter filter, String[] attributes, String uuidAttribute,
                                   EntryHandler handler) {
        return searchAll(baseDn, filter, attributes, uuidAttribute, settings.pageSize(), handler);
    }

    /** {@link #searchAll(String, Filter, String[], String, EntryHandler)} with smaller pages. */
    public SearchOutcome searchAll(String baseDn, Filter filter, String[] attributes, String uuidAttribute,
                                   int pageSize, EntryHandler handler) {
        int page = pageSize(pageSize);
        Set<String> seen = new HashSet<>();
        SearchOutcome first = search(baseDn, SearchScope.SUB, filter, attributes, page, entry -> {
            if (seen.size() <= MAX_REMEMBERED) {
                seen.add(entry.getDN());
            }
            return handler.accept(entry);
        });
        if (!first.limited() || seen.size() > MAX_REMEMBERED) {
            return first;
        }
        LOG.info("search below {} hit the server's size limit after {} entries; fetching the rest in {} ranges",
                baseDn, first.entries(), uuidAttribute);
        long[] totals = {first.entries(), first.pages()};
        boolean complete = searchRanges(baseDn, filter, attributes, uuidAttribute, "", seen, page, handler, totals);
        return new SearchOutcome(totals[0], (int) totals[1], complete, !complete);
    }

    private boolean searchRanges(String baseDn, Filter filter, String[] attributes, String uuidAttribute,
                                 String prefix, Set<String> seen, int page, EntryHandler handler, long[] totals) {
        boolean complete = true;
        for (String range : UuidRanges.children(prefix)) {
            Filter ranged = Filter.createANDFilter(filter, UuidRanges.range(uuidAttribute, range));
            Set<String> delivered = new HashSet<>();
            boolean[] stop = {false};
            SearchOutcome outcome = search(baseDn, SearchScope.SUB, ranged, attributes, page, entry -> {
                String dn = entry.getDN();
                delivered.add(dn);
                if (seen.contains(dn)) {
                    return true;
                }
                totals[0]++;
                boolean more = handler.accept(entry);
                stop[0] = !more;
                return more;
            });
            totals[1] += outcome.pages();
            if (stop[0]) {
                return false;
            }
            if (outcome.limited()) {
                if (range.length() >= UuidRanges.MAX_PREFIX) {
                    LOG.warn("range {} of {} is still over the server's size limit; entries are missing", range,
                            uuidAttribute);
                    complete = false;
                    continue;
                }
                seen.addAll(delivered);
                complete &= searchRanges(baseDn, filter, attributes, uuidAttribute, range, seen, page, handler, totals);
            }
        }
        return complete;
    }

    /** One entry with exactly the requested attributes, no range completion (used for range slices). */
    private Optional<SearchResultEntry> readRaw(String dn, String[] attributes) {
        return read(dn, Filter.createPresenceFilter("objectClass"), attributes);
    }

    /** Reads one entry if it exists below the search scope and matches the filter. */
    public Optional<SearchResultEntry> read(String dn, Filter filter, String[] attributes) {
        SearchResultEntry[] found = new SearchResultEntry[1];
        search(dn, SearchScope.BASE, filter, attributes, 1, e -> {
            found[0] = e;
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Answers that say "there is no such entry for you": a missing or hidden entry, a referral elsewhere,
     * and DNs the server cannot take (a stale member value naming an unknown attribute, alias trouble).
     */
    private static final Set<ResultCode> ABSENT = Set.of(ResultCode.NO_SUCH_OBJECT,
            ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ResultCode.REFERRAL, ResultCode.INVALID_DN_SYNTAX,
            ResultCode.ALIAS_PROBLEM, ResultCode.ALIAS_DEREFERENCING_PROBLEM, ResultCode.UNDEFINED_ATTRIBUTE_TYPE,
            ResultCode.NAMING_VIOLATION);

    /**
     * The entry at a DN as it is now, with ranged attributes (AD's {@code member;range=}) completed.
     * Empty only when the directory says so: no such entry, the filter does not match, or the entry is
     * hidden from the service account. A limit, a timeout or any other failure throws
     * {@link SourceUnavailableException}: callers use absence to decide that a card is gone.
     */
    public Optional<SearchResultEntry> readCurrent(String dn, Filter filter, String[] attributes) {
        long started = System.nanoTime();
        SearchResultEntry entry;
        try {
            entry = withConnection("read", connection -> {
                try {
                    return connection.searchForEntry(new SearchRequest(dn, SearchScope.BASE, DereferencePolicy.NEVER,
                            1, (int) Math.max(1, settings.operationTimeout().toSeconds()), false, filter, attributes));
                } catch (LDAPSearchException e) {
                    ResultCode code = e.getResultCode();
                    if (ABSENT.contains(code)) {
                        return null;
                    }
                    throw e;
                }
            });
        } catch (LDAPException e) {
            throw unavailable("read of " + dn, e);
        }
        observer.searched(filter, entry == null ? 0 : 1, 1, System.nanoTime() - started);
        return Optional.ofNullable(entry).map(e -> RangedAttributes.complete(e, this::readRaw));
    }

    /** The root DSE as the server shows it now, or empty when it cannot be read. */
    Optional<com.unboundid.ldap.sdk.RootDSE> rootDse() {
        try {
            return Optional.ofNullable(pool.getRootDSE());
        } catch (LDAPException e) {
            if (e.getResultCode().isConnectionUsable()) {
                return Optional.empty();
            }
            throw unavailable("root DSE", e);
        }
    }

    /** Work on one pooled connection, for the change feeds' own searches (controls, intermediate responses). */
    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(LDAPConnection connection) throws LDAPException;
    }

    /**
     * Runs work on a pooled connection (bound as the user in a user's view); an outage becomes
     * {@link SourceUnavailableException}, any other LDAP answer is the caller's to interpret.
     */
    <T> T withConnection(String operation, ConnectionWork<T> work) throws LDAPException {
        LDAPConnection connection = checkOut();
        try {
            T result = work.run(connection);
            release(connection, true);
            return result;
        } catch (LDAPException e) {
            release(connection, e.getResultCode().isConnectionUsable());
            if (!e.getResultCode().isConnectionUsable()) {
                throw unavailable(operation, e);
            }
            throw e;
        } catch (Error | RuntimeException e) {
            release(connection, false);
            throw e;
        }
    }

    /**
     * A paged subtree search on a connection the caller holds (the change feeds need several reads on
     * one server); references are not chased.
     *
     * @return how many entries arrived
     */
    long pagedSearch(LDAPConnection connection, String baseDn, Filter filter, String[] attributes,
                     java.util.List<com.unboundid.ldap.sdk.Control> controls,
                     java.util.function.Consumer<SearchResultEntry> each) throws LDAPException {
        long started = System.nanoTime();
        long[] count = {0};
        SearchResultListener listener = new SearchResultListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
                count[0]++;
                each.accept(entry);
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
            }
        };
        ASN1OctetString cookie = null;
        do {
            SearchRequest request = new SearchRequest(listener, baseDn, SearchScope.SUB, DereferencePolicy.NEVER, 0,
                    (int) Math.max(1, settings.operationTimeout().toSeconds()), false, filter, attributes);
            request.addControls(controls.toArray(new com.unboundid.ldap.sdk.Control[0]));
            request.addControl(new SimplePagedResultsControl(settings.pageSize(), cookie, false));
            SearchResult result = connection.search(request);
            SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
            cookie = paged == null ? null : paged.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
        observer.searched(filter, count[0], 1, System.nanoTime() - started);
        return count[0];
    }

    /** Reports a search made outside {@link #search} to the observer (metrics, tests). */
    void observed(Filter filter, long entries, long nanos) {
        observer.searched(filter, entries, 1, nanos);
    }

    /**
     * Checks a password by binding as {@code dn} on a pooled connection, then restoring the service
     * identity. Empty passwords are refused here: an LDAP bind with an empty password is an anonymous
     * bind and would "succeed" (RFC 4513 §5.1.2).
     */
    public boolean verifyPassword(String dn, String password) {
        if (password.isEmpty()) {
            return false;
        }
        try {
            pool.bindAndRevertAuthentication(new SimpleBindRequest(dn, password));
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || e.getResultCode() == ResultCode.INVALID_DN_SYNTAX
                    || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM
                    || e.getResultCode() == ResultCode.INAPPROPRIATE_AUTHENTICATION) {
                return false;
            }
            throw unavailable("bind", e);
        }
    }

    private SearchOutcome search(String baseDn, SearchScope scope, Filter filter, String[] attributes, int pageSize,
                                 EntryHandler handler) {
        long started = System.nanoTime();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicLong delivered = new AtomicLong();
        RuntimeException[] failure = new RuntimeException[1];
        SearchResultListener listener = new SearchResultListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
                if (!stopped.get()) {
                    delivered.incrementAndGet();
                    try {
                        SearchResultEntry whole = scope == SearchScope.BASE ? entry
                                : RangedAttributes.complete(entry, (dn, attributes) -> readRaw(dn, attributes));
                        if (!handler.accept(whole)) {
                            stopped.set(true);
                        }
                    } catch (RuntimeException e) {
                        // Kept for the caller; the rest of the page is drained so the connection stays usable.
                        failure[0] = e;
                        stopped.set(true);
                    }
                }
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
                // Referrals are not chased: the service account's directory is the one configured.
            }
        };
        LDAPConnection connection = checkOut();
        int pages = 0;
        boolean complete = true;
        boolean limited = false;
        try {
            ASN1OctetString cookie = null;
            do {
                SearchRequest request = new SearchRequest(listener, baseDn, scope, DereferencePolicy.NEVER, 0,
                        (int) Math.max(1, settings.operationTimeout().toSeconds()), false, filter, attributes);
                if (scope != SearchScope.BASE) {
                    // Not critical: a server without paging still answers, up to its own size limit.
                    request.addControl(new SimplePagedResultsControl(pageSize, cookie, false));
                }
                pages++;
                SearchResult result = searchPage(connection, request);
                if (result.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                    break;
                }
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    complete = false;
                    limited = true;
                    LOG.debug("LDAP search below {} with {} ended early: {} after {} entries", baseDn, filter,
                            result.getResultCode(), delivered.get());
                    break;
                }
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
                cookie = paged == null ? null : paged.getCookie();
            } while (cookie != null && cookie.getValueLength() > 0 && !stopped.get());
            if (cookie != null && cookie.getValueLength() > 0) {
                abandonPaging(connection, baseDn, scope, filter, cookie);
            }
            release(connection, true);
        } catch (Error | RuntimeException e) {
            // Never leave a pooled connection checked out (nor bound as a user).
            release(connection, false);
            throw e;
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                release(connection, false);
                throw unavailable("search", e);
            }
            // An answer, not an outage (referral, no access, unwilling): the connection stays in the pool.
            release(connection, true);
            if (scope == SearchScope.BASE) {
                LOG.debug("reading {} failed: {}; treated as not found", baseDn, e.getResultCode());
                return new SearchOutcome(0, 1, true, false);
            }
            throw unavailable("search", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        boolean finished = complete && !stopped.get();
        observer.searched(filter, delivered.get(), pages, System.nanoTime() - started);
        return new SearchOutcome(delivered.get(), pages, finished, limited);
    }

    /** A pooled connection, bound as the user in a user's view; give it back with {@link #release}. */
    private LDAPConnection checkOut() {
        LDAPConnection connection;
        try {
            connection = pool.getConnection();
        } catch (LDAPException e) {
            throw unavailable("connect", e);
        }
        if (userBind.isPresent()) {
            try {
                // A copy per use: bind requests carry per-operation state and are not thread-safe.
                connection.bind(userBind.get().duplicate());
            } catch (LDAPException e) {
                release(connection, e.getResultCode().isConnectionUsable());
                if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    throw new CredentialsRejectedException("the directory refused the user's password", e);
                }
                throw unavailable("bind as the user", e);
            }
        }
        return connection;
    }

    /** Back to the pool; a connection a user had bound is re-bound as the service account first. */
    private void release(LDAPConnection connection, boolean usable) {
        if (!usable) {
            pool.releaseDefunctConnection(connection);
        } else if (userBind.isPresent()) {
            pool.releaseAndReAuthenticateConnection(connection);
        } else {
            pool.releaseConnection(connection);
        }
    }

    /** RFC 2696 §3: a page size of zero with the cookie tells the server to drop the paged search's state. */
    private static void abandonPaging(LDAPConnection connection, String baseDn, SearchScope scope, Filter filter,
                                      ASN1OctetString cookie) throws LDAPException {
        SearchRequest request = new SearchRequest(baseDn, scope, filter, "1.1");
        request.addControl(new SimplePagedResultsControl(0, cookie, false));
        searchPage(connection, request);
    }

    /** Size and time limits end a page with entries already delivered; that is an outcome, not an error. */
    private static SearchResult searchPage(LDAPConnection connection, SearchRequest request) throws LDAPException {
        try {
            return connection.search(request);
        } catch (LDAPSearchException e) {
            ResultCode code = e.getResultCode();
            if (code == ResultCode.SIZE_LIMIT_EXCEEDED || code == ResultCode.TIME_LIMIT_EXCEEDED
                    || code == ResultCode.ADMIN_LIMIT_EXCEEDED || code == ResultCode.NO_SUCH_OBJECT) {
                return e.getSearchResult();
            }
            throw e;
        }
    }

    /**
     * The directory's schema (RFC 4512 §4.2), or empty when the service account may not read it.
     *
     * @throws org.galdav.core.SourceUnavailableException when the directory cannot be reached
     */
    public Optional<Schema> schema() {
        try {
            return Optional.ofNullable(pool.getSchema());
        } catch (LDAPException e) {
            if (e.getResultCode().isConnectionUsable()) {
                LOG.warn("cannot read the directory schema ({}); assuming case-insensitive attributes",
                        e.getResultCode());
                return Optional.empty();
            }
            throw unavailable("schema", e);
        }
    }

    /** Whether the directory answers now (for the health endpoint). */
    public boolean isReachable() {
        try {
            return pool.getRootDSE() != null;
        } catch (LDAPException e) {
            return false;
        }
    }

    private static SourceUnavailableException unavailable(String operation, LDAPException e) {
        return new SourceUnavailableException("LDAP " + operation + " failed: " + e.getResultCode() + " "
                + Optional.ofNullable(e.getDiagnosticMessage()).orElse(""), e);
    }

    @Override
    public void close() {
        if (userBind.isEmpty()) {
            pool.close();
        }
    }
}
