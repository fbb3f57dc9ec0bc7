package org.galdav.directory;

import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Optional;
import java.util.Set;
import org.galdav.core.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one entry by its DN (a base-scope search with a filter), in the two ways callers need: best
 * effort, where any answer but the entry reads as "not found", and confirming absence, where "not
 * found" must be the directory's own word because the caller will conclude that a card is gone. Also
 * completes AD's ranged attributes ({@link RangedAttributes}) with best-effort reads of the slices.
 *
 * <p>Thread-safe: immutable; each read has a connection of its own.
 *
 * <p>Failures: both reads throw {@link SourceUnavailableException} when the directory cannot be reached
 * or does not answer in time, and {@link org.galdav.core.DeadlineExceededException} when the request's time
 * is up (each read has the {@link OperationBudget} of the moment it is sent); what else means "not found"
 * is in each method.
 */
final class EntryReads {
    private static final Logger LOG = LoggerFactory.getLogger(EntryReads.class);
    private static final Filter ANY_ENTRY = Filter.createPresenceFilter("objectClass");

    /**
     * Answers that say "there is no such entry for you": a missing or hidden entry, a referral elsewhere,
     * and DNs the server cannot take (a stale member value naming an unknown attribute, alias trouble).
     */
    static final Set<ResultCode> ABSENT = Set.of(ResultCode.NO_SUCH_OBJECT,
            ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ResultCode.REFERRAL, ResultCode.INVALID_DN_SYNTAX,
            ResultCode.ALIAS_PROBLEM, ResultCode.ALIAS_DEREFERENCING_PROBLEM, ResultCode.UNDEFINED_ATTRIBUTE_TYPE,
            ResultCode.NAMING_VIOLATION);

    private final Connections connections;
    private final PagedSearch paging;
    private final SearchTimer timer;

    EntryReads(Connections connections, PagedSearch paging, SearchTimer timer) {
        this.connections = connections;
        this.paging = paging;
        this.timer = timer;
    }

    /**
     * The entry at a DN if the directory hands it over, as it arrives (ranged attributes not completed).
     * Empty when there is no such entry, the filter does not match, and also when the directory answers
     * the read with any error (no access, a referral, a limit): such answers are logged at debug level.
     *
     * @throws SourceUnavailableException only when the directory cannot be reached
     */
    Optional<SearchResultEntry> readBestEffort(String dn, Filter filter, String[] attributes) {
        FirstEntry first = new FirstEntry();
        try {
            paging.pooled(dn, SearchScope.BASE, filter, attributes, 1, first);
        } catch (LDAPException e) {
            // An answer, not an outage (referral, no access, unwilling): the connection went back to the pool.
            LOG.debug("reading {} failed: {}; treated as not found", dn, e.getResultCode());
            return Optional.empty();
        }
        return Optional.ofNullable(first.entry);
    }

    /**
     * The entry at a DN as it is now, with ranged attributes completed. Empty only when the directory
     * says so: no such entry, the filter does not match, or one of the {@link #ABSENT} answers (the
     * entry is hidden from this identity, a referral elsewhere, a DN it cannot take). Each read is
     * reported to the observer.
     *
     * @throws SourceUnavailableException on any other answer (a limit, a timeout, busy, unwilling), when
     *                                    the directory cannot be reached, or when a ranged attribute cannot
     *                                    be completed
     */
    Optional<SearchResultEntry> readConfirmingAbsence(String dn, Filter filter, String[] attributes) {
        long started = timer.start();
        SearchResultEntry entry;
        try {
            // A read hands nothing over before its answer: it may start over on a new connection.
            entry = connections.withConnection("read", () -> true, connection -> {
                OperationBudget budget = connections.budget();
                try {
                    return connection.searchForEntry(budget.apply(new SearchRequest(dn, SearchScope.BASE,
                            DereferencePolicy.NEVER, 1, budget.timeLimitSeconds(), false, filter, attributes)));
                } catch (LDAPSearchException e) {
                    if (ABSENT.contains(e.getResultCode())) {
                        return null;
                    }
                    throw e;
                }
            });
        } catch (LDAPException e) {
            throw Connections.unavailable("read of " + dn, e);
        }
        timer.finished(filter, entry == null ? 0 : 1, 1, started);
        return Optional.ofNullable(entry).map(this::withRangesCompleted);
    }

    /**
     * The entry with AD's ranged attributes completed by best-effort reads of the further slices.
     *
     * @throws SourceUnavailableException when a slice cannot be read (a partial group must not pass for whole)
     */
    SearchResultEntry withRangesCompleted(SearchResultEntry entry) {
        return RangedAttributes.complete(entry, (dn, slice) -> readBestEffort(dn, ANY_ENTRY, slice));
    }

    /** Keeps the first entry and stops. */
    private static final class FirstEntry implements EntryHandler {
        private SearchResultEntry entry;

        @Override
        public boolean accept(SearchResultEntry found) {
            entry = found;
            return false;
        }
    }
}
