package org.galdav.directory;

/**
 * How a search ended.
 *
 * @param entries   entries delivered
 * @param pages     LDAP requests sent
 * @param complete  false when the server cut the result short (size or time limit) or the handler
 *                  stopped early
 */
public record SearchOutcome(long entries, int pages, boolean complete) {
}
