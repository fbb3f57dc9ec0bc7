package org.galdav.directory;

import com.unboundid.ldap.sdk.SearchResultEntry;

/** Receives search results one by one; returning false stops the search after the current page. */
@FunctionalInterface
public interface EntryHandler {
    boolean accept(SearchResultEntry entry);
}
