package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import org.galdav.core.TimeSource;

/**
 * Times searches and tells the observer how each went, with the server's one clock. Immutable.
 *
 * @param observer told about every search (metrics; tests check selectivity with it)
 */
record SearchTimer(SearchObserver observer, TimeSource time) {
    /** A start time to hand back to {@link #finished}. */
    long start() {
        return time.nanoTime();
    }

    void finished(Filter filter, long entries, int pages, long started) {
        observer.searched(filter, entries, pages, time.nanoTime() - started);
    }
}
