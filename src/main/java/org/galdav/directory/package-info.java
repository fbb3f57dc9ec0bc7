/**
 * The only door to LDAP (UnboundID LDAP SDK): searches, reads, authentication, group membership and
 * change feeds, as the service account or, for {@code bind-as-user} books, as the user. Nothing here
 * writes to the directory.
 *
 * <p>Public: {@link org.galdav.directory.Directory} (searches and reads), {@link org.galdav.directory.LdapAuthenticator},
 * {@link org.galdav.directory.LdapPrincipals}, {@link org.galdav.directory.GroupMembership},
 * {@link org.galdav.directory.ChangeFeeds} and {@link org.galdav.directory.ChangeFeed}, with their values. Package-private
 * pieces behind {@code Directory}: {@code Connections} owns the pool and lends connections,
 * {@code PagedSearch} is the one RFC 2696 paging loop (for the searches and the change feeds alike),
 * {@code UuidRangeSplitter} completes a search past a server's size limit in entryUUID ranges, and
 * {@code EntryReads} reads single entries.
 *
 * <p>May use: {@code core}, the UnboundID LDAP SDK, Caffeine (remembered group memberships), SLF4J. Never
 * HTTP, XML or vCards, nor the packages above it.
 *
 * <p>What failures mean, alike in every class:
 * <ul>
 *   <li><b>directory down</b>: {@link org.galdav.core.SourceUnavailableException} (the server cannot be
 *       reached, the connection failed, or an answer leaves a result that cannot be trusted); callers
 *       answer 503 and remember nothing;</li>
 *   <li><b>incomplete</b>: a {@link org.galdav.directory.SearchOutcome} that is not
 *       {@link org.galdav.directory.SearchOutcome#complete() complete} (a size, time or administrative limit, or
 *       the handler stopped); a listing must not be taken for the whole then;</li>
 *   <li><b>not found</b>: an empty {@code Optional}. {@link org.galdav.directory.Directory#readConfirmingAbsence}
 *       is empty only when the directory says the entry is absent or hidden, so absence may be acted on;
 *       {@link org.galdav.directory.Directory#readBestEffort} is also empty when the directory refuses the read,
 *       for display only;</li>
 *   <li>a user's own password refused while acting as them: {@link org.galdav.core.CredentialsRejectedException};</li>
 *   <li><b>the request's time is up</b>: {@link org.galdav.core.DeadlineExceededException}, not
 *       {@code SourceUnavailableException}, because the directory is not to blame: it does not open the breaker,
 *       and callers do not take it for an outage (the protocol layer answers 503 too, if it still can).</li>
 * </ul>
 *
 * <p>Time: every operation is admitted by {@code OperationGuard} and given an {@code OperationBudget} from
 * {@link org.galdav.core.Deadline#current()}. During a request ({@code Deadline.current() != NONE}) each
 * answer is awaited at most {@code ldap.request-timeout} and never past the deadline, the server's time limit
 * is the time left, and the deadline is checked before each page and each entry ({@code PagedSearch}) and
 * each read: once it has passed, nothing more is sent, and a search under way stops at once (its connection
 * is closed, which abandons it on the server) with {@code DeadlineExceededException}. A wait the deadline cut
 * short that times out is also the request's time, not the directory's. Outside a request (the warm-up, the
 * change tracker's polls and listings) the wait is {@code ldap.operation-timeout}. A directory that does not
 * answer in time, or refuses or loses the connection, opens the {@code CircuitBreaker}: from then on every
 * operation fails at once with {@code SourceUnavailableException} until the {@code DirectoryProbe}'s thread
 * (every {@code ldap.probe-interval}, each step within {@code ldap.probe-timeout}) or any operation gets an
 * answer again. {@link org.galdav.directory.Directory#answersProbe()} is {@code /health}'s bounded question.
 *
 * <p>Fail-over: several URLs are tried in order for each new connection (UnboundID's
 * {@code FailoverServerSet}). A search or read whose connection is lost starts over once on a new
 * connection, which is opened on the next server that answers; a search that already handed entries over
 * skips them, so the handler never sees an entry twice. A hung server (one that accepts connections but
 * does not answer) is not failed over from: it opens the breaker.
 *
 * <p>Thread-safety: everything but the change feeds is safe for concurrent use (each operation borrows a
 * pooled connection of its own; the breaker and the probe are shared and thread-safe); a change feed holds a
 * position and serves one caller at a time.
 */
package org.galdav.directory;
