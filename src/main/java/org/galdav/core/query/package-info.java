/**
 * The addressbook-query filter model (RFC 6352 §10.5) and its one meaning: {@link org.galdav.core.query.CardMatcher},
 * the reference matcher every card is checked with, over the collations of RFC 4790 and RFC 5051.
 *
 * <p>May use: the JDK and {@code core}.
 *
 * <p>Threads: immutable records and stateless functions.
 */
package org.galdav.core.query;
