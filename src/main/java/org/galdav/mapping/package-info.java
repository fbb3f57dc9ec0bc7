/**
 * How directory entries become vCard content, and queries become LDAP filters: mapping files
 * ({@code mappings/*.conf}, Typesafe Config) loaded into a {@link org.galdav.mapping.Mapping}; an entry mapped to a
 * version-independent {@link org.galdav.mapping.MappedCard} ({@link org.galdav.mapping.EntryMapper}, photos scaled
 * with ImageIO); an addressbook-query translated into an LDAP filter that may over-select but never miss
 * ({@link org.galdav.mapping.QueryTranslator}, values escaped by UnboundID's filter factories, RFC 4515), in time
 * linear in the query and with a bounded filter.
 *
 * <p>May use: {@code core}, UnboundID's data types ({@code Entry}, {@code Filter}, {@code DN}), Typesafe Config,
 * {@code java.awt}/ImageIO, Caffeine (the bounded cache of scaled photos), SLF4J. Never a connection to a directory, HTTP or vCard libraries.
 *
 * <p>Threads: mappings and mapped cards are immutable; mappers and translators are stateless; photo decoding is
 * limited to two at a time, and each photo is scaled once per content (a bounded, shared cache).
 */
package org.galdav.mapping;
