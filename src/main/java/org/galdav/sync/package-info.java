/**
 * RFC 6578 sync-collection for any book, by content: a {@code SyncToken} names the book's content
 * ({@link org.galdav.core.ContentHash}), a {@code VersionHistory} keeps the contents handed out (files in the
 * {@link org.galdav.sync.SnapshotStore} until the horizon, recent steps in memory), and a {@code ListingDiff} is
 * what changed since, truncated to the client's limit. When the book cannot say what it holds now (the
 * directory is down and nothing below holds its listing), the last version answers.
 *
 * <p>May use: {@code core}, SLF4J.
 *
 * <p>Threads: {@link org.galdav.sync.SyncingAddressBook} is thread-safe: the history guards its versions with one
 * lock and lets one request at a time rebuild; the store writes files atomically (temp file and rename), so
 * instances may share the state directory. Tokens and diffs are immutable.
 */
package org.galdav.sync;
