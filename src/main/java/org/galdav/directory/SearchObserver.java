package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;

/**
 * Told about every search the directory answered (not those that failed): for metrics, and for tests
 * that check how selective searches are. Called on the searching thread, from many threads at once.
 */
@FunctionalInterface
public interface SearchObserver {
    void searched(Filter filter, long entries, int pages, long nanos);

    SearchObserver NONE = (filter, entries, pages, nanos) -> { };
}
