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
import org.galdav.core.ForwardingAddressBook;
import org.galdav.core.TimeSource;
import org.galdav.directory.ChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a book's listing current from the directory's change feed: after one full listing, each poll
 * reads only the entries that changed ({@link ChangeApplier}) into the {@link CardIndex}; the feed's life
 * is {@link FeedLifecycle}'s. Listing and ctag are answered from the index; cards, queries and everything
 * else from the served book. Without a working feed it steps aside and the served book lists as before.
 * Thread-safe: every call takes one lock, so a listing or poll holds back the requests that arrive
 * meanwhile and then answers them all; what they read is an immutable snapshot.
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
    }

    private record Snapshot(List<CardSummary> cards, String ctag) {
    }

    private final TrackedSource source;
    private final FeedLifecycle feed;
    private final ChangeApplier applier;
    private final TimeSource time;
    private final Listener listener;
    private final Object lock = new Object();
    private CardIndex index;
    /** The published listing: null while none is held (before the first, after a failure); under the lock. */
    private Snapshot snapshot;

    /**
     * @param served   the book as served (usually cached): cards and queries come from it
     * @param source   the directory book the tracker reads changed entries from, uncached
     * @param opener   finds a started feed, or none; asked on first use
     * @param time     the clock polls and rests are timed with
     */
    public ChangeTracker(AddressBook served, LdapAddressBook source, Supplier<Optional<ChangeFeed>> opener,
                         Duration pollInterval, TimeSource time, Listener listener) {
        this(served, source.tracking(), opener, pollInterval, time, listener);
    }

    ChangeTracker(AddressBook served, TrackedSource source, Supplier<Optional<ChangeFeed>> opener,
                  Duration pollInterval, TimeSource time, Listener listener) {
        super(served);
        this.source = source;
        this.feed = new FeedLifecycle(served.info().id(), opener, pollInterval);
        this.applier = new ChangeApplier(source);
        this.time = time;
        this.listener = listener;
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
        try {
            return current().map(Snapshot::ctag).orElseGet(delegate()::ctag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current state: loaded on first use, then brought up to date at most every poll interval. */
    private Optional<Snapshot> current() throws IOException {
        synchronized (lock) {
            long now = time.nanoTime();
            switch (feed.next(now, snapshot != null)) {
                case UNTRACKED:
                    return Optional.empty();
                case LIST:
                    load();
                    break;
                case POLL:
                    poll(now);
                    break;
                case CURRENT:
                    break;
                default:
                    throw new IllegalStateException("unknown step");
            }
            return Optional.ofNullable(snapshot);
        }
    }

    /** One full listing; the feed's position was taken before it, so nothing falls between. */
    private void load() throws IOException {
        long started = time.nanoTime();
        snapshot = null;
        CardIndex fresh = new CardIndex(source.baseDn());
        // On failure the old index stays, so that the next successful listing still finds out what changed.
        source.scanTracked(tracked -> {
            fresh.put(tracked);
            listener.loaded(tracked.card());
        });
        CardIndex before = index;
        index = fresh;
        long now = time.nanoTime();
        feed.listed(now);
        if (before != null) {
            listener.changed(fresh.differingFrom(before));
        }
        publish();
        listener.listed();
        LOG.info("address book {}: {} cards listed in {} ms; changes followed with {}", info().id(), fresh.size(),
                (now - started) / 1_000_000, feed.kind());
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
            snapshot = null;
            throw e;
        }
        if (!changed.isEmpty()) {
            publish();
            LOG.debug("address book {}: {} entries touched, {} cards changed", info().id(), touched.size(),
                    changed.size());
        }
    }

    /** The feed takes a new position and the whole book is listed; while it rests, nothing is held. */
    private void relist(long now) throws IOException {
        snapshot = null;
        if (feed.restart(now)) {
            load();
        }
    }

    private void publish() {
        snapshot = new Snapshot(List.copyOf(index.summaries()), ContentHash.ctagOf(index.etags()));
    }
}
