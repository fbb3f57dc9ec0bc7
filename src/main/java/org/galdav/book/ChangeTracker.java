package org.galdav.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.ContentHash;
import org.galdav.core.Deadline;
import org.galdav.core.ForwardingAddressBook;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.directory.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a book's listing current from the directory's change feed: after one full listing, each poll
 * reads only the entries that changed ({@link ChangeApplier}) into the {@link CardIndex}; the feed's life
 * is {@link FeedLifecycle}'s. Listing and ctag are answered from the index; cards, queries and everything
 * else from the served book. Without a working feed it steps aside and the served book lists as before.
 *
 * <p>Never waiting on the directory for what memory can answer: polls and listings run in the background
 * ({@link BackgroundRefresh}), one at a time. A request that finds a poll due starts it and waits for it at
 * most the poll wait (so that a change shows at once when the directory answers promptly); requests that
 * arrive while it runs answer from the last published listing at once (stale-while-revalidate). When a
 * poll or listing fails (the directory down or hung), the last listing stays published and is served
 * (stale-if-error), and the next try is one poll interval later: what clients see is at most the poll
 * interval plus the outage old. Only a request that finds no listing at all (the first, or after the feed
 * was lost for good) waits for the listing, as long as its deadline allows.
 *
 * <p>Thread-safe: requests read an immutable published {@link State} without locking; the refresh's thread
 * alone works on the index and the feed, under the tracker's lock.
 */
public final class ChangeTracker extends ForwardingAddressBook {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTracker.class);

    /** Told what the tracker learnt, so that caches in front of the directory agree with it. */
    public interface Listener {
        /** A card read while listing the whole book. */
        void loaded(Card card);

        /** These cards were added, changed or removed. */
        void changed(Collection<String> names);

        /** The whole book was listed (first use, or the directory could no longer say what changed). */
        default void listed() {
        }

        /** A poll asked the directory what changed. */
        default void polled() {
        }

        /** A poll or listing failed (the directory down or hung); the last listing goes on being served. */
        default void failed() {
        }

        /** After each poll, listing or failure: whether the feed follows the book (false: no feed works now). */
        default void following(boolean tracked) {
        }
    }

    private record Snapshot(List<CardSummary> cards, String ctag) {
    }

    /**
     * What requests read: the listing published last (null: none), whether the feed tracks the book (false:
     * the served book answers), and when the directory should next be asked ({@link FeedLifecycle#NEVER}).
     */
    private record State(Snapshot snapshot, boolean tracked, long dueAt) {
        boolean due(long now) {
            return dueAt != FeedLifecycle.NEVER && now - dueAt >= 0;
        }

        Optional<Snapshot> answer() {
            return Optional.ofNullable(snapshot);
        }
    }

    private final TrackedSource source;
    private final FeedLifecycle feed;
    private final ChangeApplier applier;
    private final TimeSource time;
    private final Listener listener;
    private final long pollNanos;
    private final Duration pollWait;
    private final BackgroundRefresh refreshes;
    private final Object lock = new Object();
    private volatile State state;
    /** The index and whether it follows the feed's position (false: list again before polling); under the lock. */
    private CardIndex index;
    private boolean indexCurrent;

    /**
     * @param served   the book as served (usually cached): cards and queries come from it
     * @param source   the directory book the tracker reads changed entries from, uncached
     * @param opener   finds a started feed, or none; asked on first use
     * @param pollWait how long the request that finds a poll due waits for it before answering from the last listing
     * @param time     the clock polls and rests are timed with
     */
    public ChangeTracker(AddressBook served, LdapAddressBook source, Supplier<Optional<ChangeFeed>> opener,
                         Duration pollInterval, Duration pollWait, TimeSource time, Listener listener) {
        this(served, source.tracking(), opener, pollInterval, pollWait, time, listener);
    }

    ChangeTracker(AddressBook served, TrackedSource source, Supplier<Optional<ChangeFeed>> opener,
                  Duration pollInterval, Duration pollWait, TimeSource time, Listener listener) {
        super(served);
        this.source = source;
        this.feed = new FeedLifecycle(served.info().id(), opener, pollInterval);
        this.applier = new ChangeApplier(source);
        this.time = time;
        this.listener = listener;
        this.pollNanos = pollInterval.toNanos();
        this.pollWait = pollWait;
        this.refreshes = new BackgroundRefresh("galdav-tracker-" + served.info().id());
        this.state = new State(null, true, time.nanoTime());
    }

    @Override
    public void list(CardSink<CardSummary> sink) throws IOException {
        Optional<Snapshot> current = current();
        if (current.isEmpty()) {
            delegate().list(sink);
            return;
        }
        for (CardSummary card : current.get().cards()) {
            sink.accept(card);
        }
    }

    @Override
    public String ctag() {
        return current().map(Snapshot::ctag).orElseGet(delegate()::ctag);
    }

    /** The listing to answer with (empty: the served book answers), refreshed first if that is due. */
    private Optional<Snapshot> current() {
        State held = state;
        if (!held.due(time.nanoTime())) {
            return held.answer();
        }
        BackgroundRefresh.Run run = refreshes.startOrJoin(this::refresh);
        Deadline deadline = Deadline.current();
        if (held.snapshot() != null || !held.tracked()) {
            if (run.startedHere()) {
                Duration remaining = deadline.remaining();
                try {
                    run.await(remaining.compareTo(pollWait) < 0 ? remaining : pollWait);
                } catch (RuntimeException e) {
                    // The refresh logged why; the last listing answers.
                }
            }
            return state.answer();
        }
        // Nothing held to answer with: the listing is needed, for as long as the request may wait.
        if (!run.await(deadline.remaining())) {
            deadline.check();
            throw new SourceUnavailableException("the listing of " + info().id() + " is still being read", null);
        }
        return state.answer();
    }

    /** Waits at most {@code atMost} for the refresh under way, if any, to end; for tests. */
    boolean awaitRefresh(Duration atMost) {
        try {
            return refreshes.latest().await(atMost);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** One step of the feed's life, on the refresh's thread; failures leave the published listing as it was. */
    private void refresh() {
        synchronized (lock) {
            long now = time.nanoTime();
            try {
                switch (feed.next(now, indexCurrent)) {
                    case UNTRACKED -> state = new State(null, false, feed.nextDue(now, indexCurrent));
                    case LIST -> load(now);
                    case POLL -> poll(now);
                    case CURRENT -> { }
                    default -> throw new IllegalStateException("unknown step");
                }
                if (state.tracked()) {
                    state = new State(state.snapshot(), true, feed.nextDue(time.nanoTime(), indexCurrent));
                }
            } catch (IOException | RuntimeException e) {
                State held = state;
                // With something to answer with (a listing, or the served book), the directory is asked again one
                // poll interval later; without, by the next request.
                boolean nothing = held.snapshot() == null && held.tracked();
                state = new State(held.snapshot(), held.tracked(), nothing ? now : now + pollNanos);
                LOG.warn("address book {}: the directory could not be asked what changed ({}); {}", info().id(),
                        e.getMessage(), nothing ? "no listing to serve" : "serving the last state");
                listener.failed();
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            } finally {
                listener.following(state.tracked());
            }
        }
    }

    /** One full listing; the feed's position was taken before it, so nothing falls between. */
    private void load(long now) throws IOException {
        CardIndex fresh = new CardIndex(source.baseDn());
        // On failure the old index stays, so that the next successful listing still finds out what changed.
        source.scanTracked(tracked -> {
            fresh.put(tracked);
            listener.loaded(tracked.card());
        });
        CardIndex before = index;
        index = fresh;
        indexCurrent = true;
        long end = time.nanoTime();
        feed.listed(end);
        if (before != null) {
            listener.changed(fresh.differingFrom(before));
        }
        publish();
        listener.listed();
        LOG.info("address book {}: {} cards listed in {} ms; changes followed with {}", info().id(), fresh.size(),
                (end - now) / 1_000_000, feed.kind());
    }

    private void poll(long now) throws IOException {
        Optional<Set<String>> changes = feed.poll(now);
        if (changes.isEmpty()) {
            relist(now);
            return;
        }
        listener.polled();
        Set<String> touched = index.relevant(changes.get());
        if (index.cheaperToRelist(touched.size())) {
            LOG.info("address book {}: {} entries changed; listing it again", info().id(), touched.size());
            relist(now);
            return;
        }
        if (touched.isEmpty()) {
            return;
        }
        Set<String> changed;
        try {
            changed = applier.apply(index, touched, listener::changed);
        } catch (IOException | RuntimeException e) {
            // The feed has moved past these changes: a half-applied index is only repaired by listing again.
            indexCurrent = false;
            throw e;
        }
        if (!changed.isEmpty()) {
            publish();
            LOG.debug("address book {}: {} entries touched, {} cards changed", info().id(), touched.size(),
                    changed.size());
        }
    }

    /** The feed takes a new position and the whole book is listed; while it rests, the served book answers. */
    private void relist(long now) throws IOException {
        indexCurrent = false;
        if (feed.restart(now)) {
            load(now);
        } else {
            state = new State(null, false, feed.nextDue(now, false));
        }
    }

    private void publish() {
        List<CardSummary> sorted = index.summaries();
        state = new State(new Snapshot(sorted, ContentHash.ctag(ContentHash.ofListing(sorted))), true,
                feed.nextDue(time.nanoTime(), indexCurrent));
    }
}
