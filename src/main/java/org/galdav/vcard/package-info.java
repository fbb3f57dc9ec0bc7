/**
 * {@link org.galdav.mapping.MappedCard}s rendered as vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) bytes with ez-vcard,
 * folded at 75 octets, with strong ETags over both renderings and the mapping ({@link org.galdav.vcard.RenderedCard}).
 *
 * <p>May use: {@code core}, {@code mapping}, ez-vcard, SLF4J.
 *
 * <p>Threads: rendered cards are immutable and shared between requests and caches.
 */
package org.galdav.vcard;
