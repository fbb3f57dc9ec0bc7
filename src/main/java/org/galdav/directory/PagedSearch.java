package org.galdav.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.galdav.core.Deadline;
import org.galdav.core.DeadlineExceededException;
import org.galdav.core.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one search as RFC 2696 simple paged results, streaming each entry to a handler as it arrives
 * (nothing is buffered), on a pooled connection or on one a change feed holds. A handler that stops
 * ends the search after the current page, and the server is told to drop the rest (a page size of 0
 * with the cookie, RFC 2696 §3). A size, time or administrative limit ends it as an outcome, not an
 * error; every search that ends with an answer is reported to the {@link SearchObserver}.
 *
 * <p>Thread-safe: immutable; each search has a listener of its own. A held connection is the caller's
 * to keep to one search at a time.
 *
 * <p>Time: each page gets its {@link OperationBudget} (during a request: a short wait for each answer and the
 * request's remaining time as the server's time limit), and the request's {@link Deadline} is checked
 * before each page and at each entry: when it has passed, the search stops at once with
 * {@link DeadlineExceededException} and its connection is closed, which abandons it on the server.
 *
 * <p>Fail-over: on a pooled connection, a search whose connection is lost starts over once on a new one
 * (the next fail-over server), skipping the entries it already handed over, which it remembers by DN (up
 * to {@link UuidRangeSplitter#MAX_REMEMBERED}; past that it is not tried again).
 *
 * <p>Failures: an outage throws {@link SourceUnavailableException} (pooled connections; on a held
 * connection the caller's {@link Connections#withConnection} turns it into one); any other LDAP error
 * answer is thrown as the {@link LDAPException} for the caller to interpret; a limit is a {@link Run}
 * that {@link Run#limited()}; a failing handler's exception is kept until the connection is back.
 */
final class PagedSearch {
    private static final Logger LOG = LoggerFactory.getLogger(PagedSearch.class);

    private final Connections connections;
    private final SearchTimer timer;
    private final int pageSize;

    /** @param pageSize entries per page where the caller names none (the change feeds) */
    PagedSearch(Connections connections, SearchTimer timer, int pageSize) {
        this.connections = connections;
        this.timer = timer;
        this.pageSize = pageSize;
    }

    /**
     * How one search ended.
     *
     * @param entries        entries handed to the handler
     * @param pages          LDAP search requests sent (the abandoning one not counted)
     * @param stopped        the handler asked to stop (or failed)
     * @param ending         the final page's result when it was not a success (a limit, no such base)
     * @param handlerFailure what the handler threw, rethrown by {@link #rethrowHandlerFailure}
     */
    record Run(long entries, int pages, boolean stopped, SearchResult ending, RuntimeException handlerFailure) {

        /** The server ended it early with a size, time or administrative limit (or another non-success). */
        boolean limited() {
            return ending != null && ending.getResultCode() != ResultCode.NO_SUCH_OBJECT;
        }

        /** The public form: complete only when the server sent everything and the handler took it all. */
        SearchOutcome outcome() {
            return new SearchOutcome(entries, pages, !limited() && !stopped, limited());
        }

        void rethrowHandlerFailure() {
            if (handlerFailure != null) {
                throw handlerFailure;
            }
        }
    }

    /**
     * Searches on a pooled connection (bound as the view's identity). References are not chased.
     *
     * @throws SourceUnavailableException when the directory cannot be reached
     * @throws LDAPException              any other error answer (no access, referral, unwilling)
     */
    Run pooled(String baseDn, SearchScope scope, Filter filter, String[] attributes, int pageSize,
               EntryHandler handler) throws LDAPException {
        Listener listener = new Listener(handler, true);
        Run run = connections.withConnection("search", listener::mayStartOver,
                connection -> run(connection, baseDn, scope, filter, attributes, pageSize, List.of(), listener));
        // Thrown once the connection is back in the pool: the rest of the page was drained, it is usable.
        run.rethrowHandlerFailure();
        return run;
    }

    /**
     * Every entry of a subtree search on a connection the caller holds (the change feeds need several
     * reads on one server), in pages of the configured size.
     *
     * @return how many entries arrived
     * @throws LDAPException any answer but success, limits and a missing base included
     */
    long everyEntry(LDAPConnection connection, String baseDn, Filter filter, String[] attributes,
                    List<Control> controls, Consumer<SearchResultEntry> each) throws LDAPException {
        Run run = run(connection, baseDn, SearchScope.SUB, filter, attributes, pageSize, controls, new Listener(entry -> {
            each.accept(entry);
            return true;
        }, false));
        run.rethrowHandlerFailure();
        if (run.ending() != null) {
            throw new LDAPSearchException(run.ending());
        }
        return run.entries();
    }

    /**
     * The one paging loop. A base-scope search sends no paging control (one entry at most).
     *
     * @throws LDAPException an error answer other than a limit or a missing base, or an outage
     */
    private Run run(LDAPConnection connection, String baseDn, SearchScope scope, Filter filter, String[] attributes,
                    int pageSize, List<Control> controls, Listener listener) throws LDAPException {
        long started = timer.start();
        listener.startOver();
        int pages = 0;
        SearchResult ending = null;
        ASN1OctetString cookie = null;
        do {
            OperationBudget budget = connections.budget(); // checks the deadline between pages
            SearchRequest request = budget.apply(new SearchRequest(listener, baseDn, scope, DereferencePolicy.NEVER, 0,
                    budget.timeLimitSeconds(), false, filter, attributes));
            request.addControls(controls.toArray(new Control[0]));
            if (scope != SearchScope.BASE) {
                // Not critical: a server without paging still answers, up to its own size limit.
                request.addControl(new SimplePagedResultsControl(pageSize, cookie, false));
            }
            pages++;
            SearchResult result = searchPage(connection, request);
            if (result.getResultCode() != ResultCode.SUCCESS) {
                ending = result;
                if (result.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                    LOG.debug("LDAP search below {} with {} ended early: {} after {} entries", baseDn, filter,
                            result.getResultCode(), listener.delivered);
                }
                break;
            }
            cookie = cookieOf(result);
        } while (hasMore(cookie) && !listener.stopped);
        if (ending == null && hasMore(cookie)) {
            // The handler stopped with pages left: the server may drop them (an error ended them already).
            abandon(connection, baseDn, scope, filter, cookie);
        }
        if (listener.failure == null) {
            timer.finished(filter, listener.delivered, pages, started);
        }
        return new Run(listener.delivered, pages, listener.stopped, ending, listener.failure);
    }

    /**
     * Hands entries on until the handler says stop; keeps a failing handler's exception; stops the search at
     * once when the request's deadline has passed; remembers what it handed over, if asked to, so that the
     * search can start over on another connection without handing anything over twice.
     */
    private static final class Listener implements SearchResultListener {
        private static final long serialVersionUID = 1L;

        private final EntryHandler handler;
        // The connections read in synchronous mode: the calling thread runs the listener, under its deadline.
        private final transient Deadline deadline = Deadline.current();
        /** DNs handed over, while they can all be remembered; null when the search is never tried again. */
        private final Set<String> handedOver;
        private boolean skipHandedOver;
        private long delivered;
        private boolean stopped;
        private RuntimeException failure;

        Listener(EntryHandler handler, boolean remember) {
            this.handler = handler;
            this.handedOver = remember ? new HashSet<>() : null;
        }

        /** Before each try: a second one skips what the first handed over. */
        void startOver() {
            skipHandedOver = delivered > 0;
        }

        /** Whether the search can start over without the handler seeing an entry twice. */
        boolean mayStartOver() {
            return !stopped && handedOver != null && handedOver.size() == delivered;
        }

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
            deadline.check(); // thrown through the SDK: the connection is closed, the server drops the rest
            if (stopped || (skipHandedOver && handedOver.contains(entry.getDN()))) {
                return;
            }
            delivered++;
            if (handedOver != null && handedOver.size() < UuidRangeSplitter.MAX_REMEMBERED) {
                handedOver.add(entry.getDN());
            }
            try {
                if (!handler.accept(entry)) {
                    stopped = true;
                }
            } catch (DeadlineExceededException e) {
                throw e;
            } catch (RuntimeException e) {
                // Kept for the caller; the rest of the page is drained so the connection stays usable.
                failure = e;
                stopped = true;
            }
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {
            // Referrals are not chased: the service account's directory is the one configured.
        }
    }

    private static ASN1OctetString cookieOf(SearchResult result) throws LDAPException {
        SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
        return paged == null ? null : paged.getCookie();
    }

    private static boolean hasMore(ASN1OctetString cookie) {
        return cookie != null && cookie.getValueLength() > 0;
    }

    /** RFC 2696 §3: a page size of zero with the cookie tells the server to drop the paged search's state. */
    private static void abandon(LDAPConnection connection, String baseDn, SearchScope scope, Filter filter,
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
}
