/**
 * The ports and values both sides of galdav meet in: the card-source port ({@link org.galdav.core.AddressBook},
 * with {@link org.galdav.core.ForwardingAddressBook} for decorators), the books a caller may see
 * ({@link org.galdav.core.AddressBooks}), authentication and principals, cards and their summaries, incremental
 * sync ({@link org.galdav.core.Syncable}), the one content hash behind ctags and sync tokens
 * ({@link org.galdav.core.ContentHash}) and the one clock ({@link org.galdav.core.TimeSource}).
 *
 * <p>May use: the JDK only. Every other package may use it.
 *
 * <p>Failures mean the same everywhere: {@link org.galdav.core.SourceUnavailableException} — the backing
 * directory cannot answer (503); {@link org.galdav.core.CredentialsRejectedException} — the caller's own password
 * was refused while acting as them (401); {@link org.galdav.core.LoginThrottledException} — too many failed logins,
 * the credentials were not checked (429); {@link org.galdav.core.InvalidSyncTokenException} — a token this server
 * cannot answer for; "not found" is an empty result, never an exception. Limits per client count per
 * {@link org.galdav.core.AddressBlock}.
 *
 * <p>Threads: values (records, {@link org.galdav.core.Card}s) are immutable; implementations of the ports must be
 * thread-safe, since every request calls them concurrently.
 */
package org.galdav.core;
