package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.time.Duration;
import java.util.Optional;
import org.galdav.core.CredentialsRejectedException;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;

/**
 * The door to one LDAP directory as one identity (the service account, or a user in a {@link #boundAs}
 * view): streamed subtree searches, reads of single entries, the schema and a health probe. Nothing
 * here writes to the directory. It puts together the pool ({@link Connections}), the paged search
 * ({@link PagedSearch}), range splitting past size limits ({@link UuidRangeSplitter}) and the reads
 * ({@link EntryReads}).
 *
 * <p>Thread-safe: every operation uses a pooled connection of its own.
 *
 * <p>Failures, alike for every method: {@link SourceUnavailableException} means the directory is down,
 * failed, did not answer within its time, or failed just before and is not being asked (503);
 * {@link org.galdav.core.DeadlineExceededException} means the current request's time ran out;
 * {@link CredentialsRejectedException} means a user's view was refused the user's password (401); a
 * search cut short by the server is an outcome that is not {@link SearchOutcome#complete()}; what "not
 * found" means is said per read.
 */
public final class Directory implements AutoCloseable {
    private final Connections connections;
    /** Present in the directory that owns the pool; a user's view shares the owner's. */
    private final Optional<DirectoryProbe> ownProbe;
    private final DirectoryProbe probe;
    private final LdapSettings settings;
    private final SearchTimer timer;
    private final PagedSearch paging;
    private final EntryReads reads;

    private Directory(Connections connections, Optional<DirectoryProbe> ownProbe, DirectoryProbe probe,
                      LdapSettings settings, SearchTimer timer) {
        this.connections = connections;
        this.ownProbe = ownProbe;
        this.probe = probe;
        this.settings = settings;
        this.timer = timer;
        this.paging = new PagedSearch(connections, timer, settings.pageSize());
        this.reads = new EntryReads(connections, paging, timer);
    }

    /**
     * Creates the pool and starts the probe's thread. A directory that is down at start is not fatal: the
     * pool connects lazily and requests answer 503 until it is back.
     *
     * @param observer told about every search (metrics; tests check selectivity with it)
     * @param time     times the searches for the observer, and the breaker's state for its messages
     * @throws LDAPException when the settings cannot make a pool (bad URL, TLS set-up)
     */
    public static Directory connect(LdapSettings settings, SearchObserver observer, TimeSource time)
            throws LDAPException {
        CircuitBreaker breaker = new CircuitBreaker(time);
        DirectoryProbe probe = new DirectoryProbe(ProbeConnection.of(settings), breaker,
                settings.timeouts().probeInterval(), settings.timeouts().probeTimeout());
        Directory directory = new Directory(Connections.open(settings, breaker), Optional.of(probe), probe, settings,
                new SearchTimer(observer, time));
        probe.start();
        return directory;
    }

    /**
     * A view that searches with the user's own bind, so that the directory's access controls apply to
     * what they see. It shares the pool and the probe; closing it does nothing.
     */
    public Directory boundAs(String userDn, String password) {
        return new Directory(connections.boundAs(userDn, password), Optional.empty(), probe, settings, timer);
    }

    /**
     * Searches the subtree below {@code baseDn}, page by page, handing each entry to {@code handler}
     * as it arrives, ranged attributes completed. Only the listed attributes are transferred; nothing
     * is buffered.
     */
    public SearchOutcome search(String baseDn, Filter filter, String[] attributes, EntryHandler handler) {
        return subtree(baseDn, filter, attributes, settings.pageSize(), handler);
    }

    /** Like {@link #search(String, Filter, String[], EntryHandler)} with smaller pages, for searches that stop early. */
    public SearchOutcome search(String baseDn, Filter filter, String[] attributes, int pageSize, EntryHandler handler) {
        return subtree(baseDn, filter, attributes, pageSize(pageSize), handler);
    }

    /**
     * Like {@link #search(String, Filter, String[], int, EntryHandler)}, but complete even where the
     * server caps paged searches below the result size: the rest is fetched in disjoint ranges of
     * {@code uuidAttribute} (see {@link UuidRangeSplitter}), and no entry is delivered twice.
     */
    public SearchOutcome searchAll(String baseDn, Filter filter, String[] attributes, String uuidAttribute,
                                   int pageSize, EntryHandler handler) {
        int page = pageSize(pageSize);
        return new UuidRangeSplitter((ranged, each) -> subtree(baseDn, ranged, attributes, page, each))
                .searchAll(baseDn, filter, uuidAttribute, handler);
    }

    /**
     * Reads one entry if it is there and matches the filter, for display: any error answer (no access, a
     * referral, a limit) reads as "not found" too. Ranged attributes are not completed.
     *
     * @throws SourceUnavailableException only when the directory cannot be reached
     */
    public Optional<SearchResultEntry> readBestEffort(String dn, Filter filter, String[] attributes) {
        return reads.readBestEffort(dn, filter, attributes);
    }

    /**
     * The entry at a DN as it is now, with ranged attributes (AD's {@code member;range=}) completed.
     * Empty only when the directory says so: no such entry, the filter does not match, or the entry is
     * hidden from this identity (no such object, insufficient access, a referral, a DN or attribute the
     * server cannot take); callers may conclude that a card is gone.
     *
     * @throws SourceUnavailableException on a limit, a timeout, any other failure, or an outage
     */
    public Optional<SearchResultEntry> readConfirmingAbsence(String dn, Filter filter, String[] attributes) {
        return reads.readConfirmingAbsence(dn, filter, attributes);
    }

    /**
     * The directory's schema (RFC 4512 §4.2), or empty when the service account may not read it.
     *
     * @throws SourceUnavailableException when the directory cannot be reached
     */
    public Optional<Schema> schema() {
        return connections.schema();
    }

    /** What keeps the directory from being used now, with the fix, in plain words; empty when nothing does. */
    public Optional<String> problem() {
        return connections.problem();
    }

    /** Whether the directory answers now through the pool, within the request timeout ({@code galdav check}). */
    public boolean isReachable() {
        return connections.isReachable();
    }

    /**
     * For {@code GET /health}: whether the directory answers a probe within the probe timeout; false at
     * once while requests are being refused after a failure. Never throws, never waits longer.
     */
    public boolean answersProbe() {
        return probe.healthy();
    }

    /**
     * For {@code galdav_directory_up}: what the probe state says now, without a probe (a scrape must not wait
     * or add LDAP work): false from any failed operation or probe until a probe answers again.
     */
    public boolean takenForUp() {
        return probe.takenForUp();
    }

    /**
     * The longest wait for one answer while a client waits ({@code ldap.request-timeout}): how long a
     * request may sensibly wait for directory work before answering from what it holds.
     */
    public Duration requestTimeout() {
        return settings.timeouts().requestTimeout();
    }

    /** Stops the probe and closes the pool; a user's view leaves both to the owner. */
    @Override
    public void close() {
        ownProbe.ifPresent(DirectoryProbe::close);
        connections.close();
    }

    /** The pool, for the change feeds and password checks of this package. */
    Connections connections() {
        return connections;
    }

    /** The paged search, for the change feeds' searches on a connection they hold. */
    PagedSearch paging() {
        return paging;
    }

    /** Times searches made outside {@link PagedSearch} (the content synchronization feed). */
    SearchTimer timer() {
        return timer;
    }

    private int pageSize(int wanted) {
        return Math.max(1, Math.min(wanted, settings.pageSize()));
    }

    /**
     * The subtree search behind every public one: paged on a pooled connection, ranged attributes
     * completed before the handler sees an entry; an error answer means the listing cannot be trusted.
     */
    private SearchOutcome subtree(String baseDn, Filter filter, String[] attributes, int page, EntryHandler handler) {
        try {
            return paging.pooled(baseDn, SearchScope.SUB, filter, attributes, page,
                    entry -> handler.accept(reads.withRangesCompleted(entry))).outcome();
        } catch (LDAPException e) {
            throw Connections.unavailable("search", e);
        }
    }
}
