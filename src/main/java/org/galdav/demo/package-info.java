/**
 * The embedded demo directory: a generated company (people in departments and offices, international names,
 * phones, addresses, managers, photos, groups), the same on every start for a seed, served over real LDAP by
 * UnboundID's in-memory server on a loopback port, with a change log.
 *
 * <p>May use: UnboundID, {@code java.awt}/ImageIO (generated photos), SLF4J. Nothing of galdav: it is a directory
 * like any other to the rest of the server.
 *
 * <p>Threads: generation runs once; the in-memory server is thread-safe.
 */
package org.galdav.demo;
