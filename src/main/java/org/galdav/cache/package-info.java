/**
 * Caffeine in front of the card source and the authenticator: rendered cards bounded by bytes, listings,
 * ctags and query answers served for {@code cache.ttl} and then kept for when the directory cannot answer
 * (stale-if-error, RFC 5861), and successful logins (only a salted hash of the password) for
 * {@code cache.auth-ttl}; in front of them, the throttle of failed logins ({@code ThrottlingAuthenticator},
 * {@code auth.throttle}). A change tracker tells the cache what changed.
 *
 * <p>May use: {@code core}, Caffeine, SLF4J.
 *
 * <p>Threads: thread-safe; a generation counter keeps a read that overlapped a change from caching the old
 * content; the login throttle decides under one lock.
 */
package org.galdav.cache;
