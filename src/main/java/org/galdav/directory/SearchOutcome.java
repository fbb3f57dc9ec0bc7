package org.galdav.directory;

/**
 * How a search ended.
 *
 * @param entries   entries delivered
 * @param pages     LDAP requests sent
 * @param complete  false when the server cut the result short or the handler stopped early
 * @param limited   true when the server ended it with a size or administrative limit
 */
public record SearchOutcome(long entries, int pages, boolean complete, boolean limited) {
}
