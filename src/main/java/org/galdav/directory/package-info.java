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
 *   <li>a user's own password refused while acting as them: {@link org.galdav.core.CredentialsRejectedException}.</li>
 * </ul>
 *
 * <p>Thread-safety: everything but the change feeds is safe for concurrent use (each operation borrows a
 * pooled connection of its own); a change feed holds a position and serves one caller at a time.
 */
package org.galdav.directory;
