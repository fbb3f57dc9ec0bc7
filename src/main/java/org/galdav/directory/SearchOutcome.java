package org.galdav.directory;

/**
 * How a search ended; immutable. A search the server cut short is not an error but an outcome with
 * {@code complete == false}: callers that must not take a partial result for the whole (listings,
 * lookups) check it. "Directory down" is never an outcome: it is thrown as
 * {@link org.galdav.core.SourceUnavailableException}.
 *
 * @param entries   entries delivered
 * @param pages     LDAP requests sent
 * @param complete  false when the server cut the result short or the handler stopped early
 * @param limited   true when the server ended it with a size or administrative limit
 */
public record SearchOutcome(long entries, int pages, boolean complete, boolean limited) {
}
