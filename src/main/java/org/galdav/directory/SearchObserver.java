package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;

/** Told about every search: for metrics, and for tests that check how selective searches are. */
@FunctionalInterface
public interface SearchObserver {
    void searched(Filter filter, long entries, int pages, long nanos);

    SearchObserver NONE = (filter, entries, pages, nanos) -> { };
}
