/**
 * The address book an LDAP subtree is: {@link org.galdav.book.LdapAddressBook} translates queries, searches
 * (paged, streamed), renders and re-checks every card; {@link org.galdav.book.ChangeTracker} keeps a book's listing
 * current from the directory's change feed. The tracker is a thin coordinator over a pure core, {@code CardIndex}
 * (cards, DNs, referrers, OUs; no I/O, no clock), a {@code ChangeApplier} written against the small
 * {@code TrackedSource} port, and the feed's {@code FeedLifecycle}.
 *
 * <p>May use: {@code core}, {@code mapping}, {@code vcard}, {@code directory}, UnboundID's data types, Caffeine,
 * SLF4J. Never HTTP or XML.
 *
 * <p>Threads: {@code LdapAddressBook} is thread-safe (each search has its own connection; the member cache is
 * Caffeine's). {@code ChangeTracker} runs polls and listings one at a time on a background thread
 * ({@code BackgroundRefresh}) under its lock and publishes an immutable state that requests read without
 * locking, so no request waits on a poll another started, and a poll that fails leaves the last listing
 * answering; {@code CardIndex}, {@code ChangeApplier} and {@code FeedLifecycle} are not thread-safe and are used
 * only under that lock.
 */
package org.galdav.book;
