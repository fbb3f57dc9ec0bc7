package org.galdav.directory;

import com.unboundid.ldap.sdk.SearchResultEntry;

/**
 * Receives search results one by one, on the searching thread; returning false stops the search after
 * the current page, and no further entry is handed over. An exception thrown here ends the search and
 * is rethrown by it once the connection is back in the pool.
 */
@FunctionalInterface
public interface EntryHandler {
    boolean accept(SearchResultEntry entry);
}
