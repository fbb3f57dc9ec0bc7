package org.galdav.directory;

import java.util.Set;

/**
 * The directory's own record of what changed below a base DN, so that keeping a book current costs
 * reads of the changed entries only. Feeds are stateful (they hold the directory's position) and
 * are used by one caller at a time.
 */
public interface ChangeFeed {

    /** What the directory calls the mechanism, for logs and docs ("syncrepl", "changelog", "usn"). */
    String kind();

    /**
     * Takes the directory's present position: later polls report what changed after it. Call before
     * reading the content the changes are to be applied to, so that nothing falls between.
     *
     * @throws ChangeTrackingUnavailableException when the directory does not track changes for this base
     *                                            (or the service account may not read them)
     * @throws org.galdav.core.SourceUnavailableException when the directory cannot be reached: start again later
     */
    void start() throws ChangeTrackingUnavailableException;

    /**
     * What changed since the last call (or {@link #start}). What the directory sent is reported to the
     * directory's search observer (metrics).
     *
     * @return normalized DNs of the entries added, modified or deleted; both the old and the new DN of
     *         an entry renamed or moved. Entries outside the base may be included.
     * @throws ChangeTrackingUnavailableException when the directory can no longer say what changed
     *                                            since the position (history trimmed, server replaced):
     *                                            start again and re-read everything
     * @throws org.galdav.core.SourceUnavailableException when the directory cannot be reached: the position
     *                                                    is kept, poll again later
     */
    Set<String> poll() throws ChangeTrackingUnavailableException;
}
