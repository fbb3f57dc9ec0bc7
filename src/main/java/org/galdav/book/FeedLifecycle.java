package org.galdav.book;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.galdav.directory.ChangeFeed;
import org.galdav.directory.ChangeTrackingUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one book's change feed: opened on first use (or found missing for good), polled at most
 * once per poll interval, started again when it loses its position, and left to rest for a while when it
 * cannot start, during which the book is listed as if there were no feed. Time comes in as arguments
 * (nanoseconds of the tracker's clock). Not thread-safe; the tracker calls it under its lock.
 */
final class FeedLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(FeedLifecycle.class);
    /** How long a feed that failed to start is left alone before it is tried again. */
    static final Duration REST = Duration.ofMinutes(10);
    /** {@link #nextDue}: no work ever again. */
    static final long NEVER = Long.MAX_VALUE;

    /** What the tracker is to do now. */
    enum Step {
        /** No feed works (for good, or resting): the book is listed as if untracked. */
        UNTRACKED,
        /** The feed has just taken the directory's position: list the whole book now. */
        LIST,
        /** Time to ask the feed what changed. */
        POLL,
        /** The listing held is current enough. */
        CURRENT
    }

    private final String book;
    private final Supplier<Optional<ChangeFeed>> opener;
    private final long pollNanos;
    private ChangeFeed feed;
    /** The directory offers no change tracking (for good). */
    private boolean none;
    private boolean resting;
    private long restingUntil;
    private long lastPoll;

    /**
     * @param book   the book's id, for logs
     * @param opener finds a started feed, or none; asked once, on first use
     */
    FeedLifecycle(String book, Supplier<Optional<ChangeFeed>> opener, Duration pollInterval) {
        this.book = book;
        this.opener = opener;
        this.pollNanos = pollInterval.toNanos();
    }

    /**
     * @param listed whether the tracker holds a complete listing taken after the feed's position
     */
    Step next(long now, boolean listed) {
        if (none) {
            return Step.UNTRACKED;
        }
        if (feed == null) {
            Optional<ChangeFeed> opened = opener.get();
            if (opened.isEmpty()) {
                none = true;
                return Step.UNTRACKED;
            }
            feed = opened.get();
            return Step.LIST;
        }
        if (!listed) {
            if (resting && now - restingUntil < 0) {
                return Step.UNTRACKED;
            }
            resting = false;
            return restart(now) ? Step.LIST : Step.UNTRACKED;
        }
        return now - lastPoll >= pollNanos ? Step.POLL : Step.CURRENT;
    }

    /**
     * When {@link #next} will have work for the tracker again (nanoseconds of its clock), {@link #NEVER} when
     * it never will (no feed, for good): now before the feed is opened or while the listing is not current and
     * the feed does not rest, at the end of a rest, one poll interval after the last poll or listing.
     *
     * @param listed as for {@link #next}
     */
    long nextDue(long now, boolean listed) {
        if (none) {
            return NEVER;
        }
        if (feed == null) {
            return now;
        }
        if (!listed) {
            return resting ? restingUntil : now;
        }
        return lastPoll + pollNanos;
    }

    /**
     * Takes the directory's position afresh, before a full listing; false when the feed cannot start, and
     * then it rests for {@link #REST}.
     */
    boolean restart(long now) {
        try {
            feed.start();
            return true;
        } catch (ChangeTrackingUnavailableException e) {
            LOG.warn("address book {}: {} cannot start ({}); for {} changes are found by comparing listings",
                    book, feed.kind(), e.getMessage(), REST);
            resting = true;
            restingUntil = now + REST.toNanos();
            return false;
        }
    }

    /** The DNs changed since the last poll; empty when the feed lost its position (restart and list). */
    Optional<Set<String>> poll(long now) {
        try {
            Set<String> changes = feed.poll();
            lastPoll = now;
            return Optional.of(changes);
        } catch (ChangeTrackingUnavailableException e) {
            LOG.info("address book {}: the directory cannot say what changed ({}); listing it again", book,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** A full listing ended now: the next poll is due one interval later. */
    void listed(long now) {
        lastPoll = now;
    }

    /** The feed's mechanism, for logs. */
    String kind() {
        return feed == null ? "none" : feed.kind();
    }
}
