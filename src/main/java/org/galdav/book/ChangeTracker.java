package org.galdav.book;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.QueryOutcome;
import org.galdav.core.query.CardQuery;
import org.galdav.directory.ChangeFeed;
import org.galdav.directory.ChangeTrackingUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a book's listing (name, ETag, DN and dependencies of every card) current by applying the
 * directory's change feed: after one full listing, each poll reads only the entries that changed, and
 * re-renders the cards that name a changed DN (a group whose member left, a report whose manager was
 * renamed). Listing and ctag are answered from this state; cards, queries and everything else from the
 * served book. Without a working feed it steps aside and the served book lists as before.
 */
public final class ChangeTracker implements AddressBook {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTracker.class);
    /** Below this many changed entries a poll reads them one by one, whatever the book's size. */
    private static final int RELIST_AT_LEAST = 2_000;
    /** How long a feed that failed to start is left alone before it is tried again. */
    private static final java.time.Duration REST = java.time.Duration.ofMinutes(10);

    /** Told what the tracker learnt, so that caches in front of the directory agree with it. */
    public interface Listener {
        /** A card read while listing the whole book. */
        void loaded(Card card);

        /** These cards were changed or removed. */
        void changed(Collection<String> names);

        /** The whole book was listed (first use, or the directory could no longer say what changed). */
        default void listed() {
        }

        /** A poll asked the directory what changed. */
        default void polled() {
        }
    }

    private record Held(CardSummary summary, String dn, Set<String> dependsOn) {
    }

    private record Snapshot(List<CardSummary> cards, String ctag) {
    }

    private final AddressBook served;
    private final LdapAddressBook source;
    private final Supplier<Optional<ChangeFeed>> opener;
    private final long pollNanos;
    private final LongSupplier nanoTime;
    private final Listener listener;

    private final Object lock = new Object();
    private final Map<String, Held> cards = new HashMap<>();
    private final Map<String, String> nameByDn = new HashMap<>();
    private final Map<String, Set<String>> referrers = new HashMap<>();
    /** How many cards lie below each DN between the base and the cards (OUs): for renamed or moved OUs. */
    private final Map<String, Integer> ancestors = new HashMap<>();
    /** The book's normalized base DN. */
    private final String base;
    private ChangeFeed feed;
    /** The directory offers no change tracking (for good). */
    private boolean noFeed;
    /** A feed that failed to restart is left alone until then (nanos); the served book lists meanwhile. */
    private boolean resting;
    private long restingUntil;
    private volatile Snapshot snapshot;
    private long lastPoll;

    /**
     * @param served  the book as served (usually cached): cards and queries come from it
     * @param source  the directory book the tracker reads changed entries from, uncached
     * @param opener  finds a started feed, or none; asked on first use
     */
    public ChangeTracker(AddressBook served, LdapAddressBook source, Supplier<Optional<ChangeFeed>> opener,
                         java.time.Duration pollInterval, LongSupplier nanoTime, Listener listener) {
        this.served = served;
        this.source = source;
        this.opener = opener;
        this.pollNanos = pollInterval.toNanos();
        this.nanoTime = nanoTime;
        this.listener = listener;
        this.base = source.baseDn();
    }

    @Override
    public void list(CardSink<CardSummary> sink) throws IOException {
        Optional<Snapshot> current = current();
        if (current.isEmpty()) {
            served.list(sink);
            return;
        }
        for (CardSummary card : current.get().cards()) {
            sink.accept(card);
        }
    }

    @Override
    public String ctag() {
        try {
            return current().map(Snapshot::ctag).orElseGet(served::ctag);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The current state: loaded on first use, then brought up to date at most every poll interval. */
    private Optional<Snapshot> current() throws IOException {
        synchronized (lock) {
            if (noFeed) {
                return Optional.empty();
            }
            if (feed == null) {
                Optional<ChangeFeed> opened = opener.get();
                if (opened.isEmpty()) {
                    noFeed = true;
                    return Optional.empty();
                }
                feed = opened.get();
                load();
            } else if (snapshot == null) {
                if (resting && nanoTime.getAsLong() - restingUntil < 0) {
                    return Optional.empty();
                }
                resting = false;
                restart();
            } else if (nanoTime.getAsLong() - lastPoll >= pollNanos) {
                poll();
            }
            return Optional.ofNullable(snapshot);
        }
    }

    private void restart() throws IOException {
        snapshot = null;
        try {
            feed.start();
        } catch (ChangeTrackingUnavailableException e) {
            LOG.warn("address book {}: {} cannot start ({}); for {} changes are found by comparing listings",
                    info().id(), feed.kind(), e.getMessage(), REST);
            resting = true;
            restingUntil = nanoTime.getAsLong() + REST.toNanos();
            return;
        }
        load();
    }

    /** One full listing; the feed's position was taken before it, so nothing falls between. */
    private void load() throws IOException {
        Map<String, Held> before = new HashMap<>(cards);
        clear();
        snapshot = null;
        long started = System.nanoTime();
        try {
            source.scanTracked(tracked -> {
                put(tracked);
                listener.loaded(tracked.card());
            });
        } catch (IOException | RuntimeException e) {
            // Keep what was known, so that the next successful listing still finds out what changed.
            clear();
            before.forEach(this::hold);
            throw e;
        }
        lastPoll = nanoTime.getAsLong();
        if (!before.isEmpty()) {
            Set<String> differing = new HashSet<>();
            before.forEach((name, held) -> {
                Held now = cards.get(name);
                if (now == null || !now.summary().etag().equals(held.summary().etag())) {
                    differing.add(name);
                }
            });
            listener.changed(differing);
        }
        publish();
        listener.listed();
        LOG.info("address book {}: {} cards listed in {} ms; changes followed with {}", info().id(), cards.size(),
                (System.nanoTime() - started) / 1_000_000, feed.kind());
    }

    private void clear() {
        cards.clear();
        nameByDn.clear();
        referrers.clear();
        ancestors.clear();
    }

    private void poll() throws IOException {
        Set<String> changes;
        try {
            changes = feed.poll();
        } catch (ChangeTrackingUnavailableException e) {
            LOG.info("address book {}: the directory cannot say what changed ({}); listing it again", info().id(),
                    e.getMessage());
            restart();
            return;
        }
        lastPoll = nanoTime.getAsLong();
        listener.polled();
        Set<String> touched = relevant(changes);
        if (touched.size() > Math.max(RELIST_AT_LEAST, cards.size() / 4)) {
            // One paged listing is cheaper than thousands of single reads (a bulk import, a reload).
            LOG.info("address book {}: {} entries changed; listing it again", info().id(), touched.size());
            restart();
            return;
        }
        if (!touched.isEmpty()) {
            try {
                apply(touched);
            } catch (IOException | RuntimeException e) {
                // The feed has moved past these changes: a half-applied state is only repaired by listing again.
                snapshot = null;
                throw e;
            }
        }
    }

    /** The DNs that can matter to the book: its cards' DNs, and DNs strictly below its base. */
    private Set<String> relevant(Set<String> dns) {
        Set<String> kept = new HashSet<>();
        for (String dn : dns) {
            if (nameByDn.containsKey(dn) || (!dn.equals(base) && dn.endsWith("," + base))) {
                kept.add(dn);
            }
        }
        return kept;
    }

    /** Brings the state up to date with the entries at these DNs, and with the cards that depend on them. */
    private void apply(Set<String> touched) throws IOException {
        source.forget(touched);
        Set<String> changed = new HashSet<>();
        try {
            apply(touched, changed);
        } finally {
            // Also after a failure: cached copies of what was already applied must go.
            if (!changed.isEmpty()) {
                listener.changed(changed);
            }
        }
        if (!changed.isEmpty()) {
            publish();
            LOG.debug("address book {}: {} entries touched, {} cards changed", info().id(), touched.size(),
                    changed.size());
        }
    }

    private void apply(Set<String> touched, Set<String> changed) throws IOException {
        Set<String> settled = new HashSet<>();
        // DNs where a card appeared, disappeared or was replaced: cards naming them may render differently.
        Set<String> reassigned = new HashSet<>();
        Set<String> lookUp = new HashSet<>();
        for (String dn : touched) {
            String previous = nameByDn.get(dn);
            if (previous != null) {
                Optional<TrackedCard> now = source.readAt(dn);
                if (now.isPresent()) {
                    found(now.get(), previous, changed, settled, reassigned, lookUp);
                } else {
                    reassigned.add(dn);
                    lookUp.add(previous);
                }
            } else {
                // Not a card's DN: a new entry, or an OU renamed, moved in or out, whose entries are not
                // reported one by one. What is below it now is read; cards that were below it are looked up.
                List<String> wereBelow = ancestors.containsKey(dn) ? cardDnsBelow(dn) : List.of();
                Set<String> seen = new HashSet<>();
                source.readBelow(dn, card -> {
                    seen.add(card.dn());
                    found(card, nameByDn.get(card.dn()), changed, settled, reassigned, lookUp);
                });
                for (String below : wereBelow) {
                    String name = nameByDn.get(below);
                    if (!seen.contains(below) && name != null) {
                        reassigned.add(below);
                        lookUp.add(name);
                    }
                }
            }
        }
        // Cards that were at a touched DN and are not there now: moved outside what was touched, or gone.
        lookUp.removeAll(settled);
        refresh(lookUp, changed, settled, reassigned);
        source.forget(reassigned);
        Set<String> dependents = new HashSet<>();
        for (String dn : reassigned) {
            dependents.addAll(referrers.getOrDefault(dn, Set.of()));
        }
        dependents.removeAll(settled);
        refresh(dependents, changed, settled, new HashSet<>());
    }

    /** A card read at its DN now, where {@code previous} (maybe null) was the card known at that DN. */
    private void found(TrackedCard card, String previous, Set<String> changed, Set<String> settled,
                       Set<String> reassigned, Set<String> lookUp) {
        String name = card.card().name();
        Held moved = cards.get(name);
        if (moved != null && !moved.dn().equals(card.dn())) {
            reassigned.add(moved.dn());
        }
        if (!name.equals(previous)) {
            reassigned.add(card.dn());
            if (previous != null) {
                lookUp.add(previous);
            }
        }
        if (put(card)) {
            changed.add(name);
        }
        settled.add(name);
    }

    private List<String> cardDnsBelow(String dn) {
        String suffix = "," + dn;
        List<String> below = new ArrayList<>();
        for (String cardDn : nameByDn.keySet()) {
            if (cardDn.endsWith(suffix)) {
                below.add(cardDn);
            }
        }
        return below;
    }

    /** Re-reads cards by name: each is updated, or removed when the directory no longer has it. */
    private void refresh(Set<String> names, Set<String> changed, Set<String> settled, Set<String> reassigned) {
        if (names.isEmpty()) {
            return;
        }
        Map<String, TrackedCard> found = source.findTracked(names);
        for (String name : names) {
            TrackedCard now = found.get(name);
            Held before = cards.get(name);
            if (now == null) {
                if (before != null) {
                    remove(name);
                    reassigned.add(before.dn());
                    changed.add(name);
                }
            } else {
                if (before != null && !before.dn().equals(now.dn())) {
                    reassigned.add(before.dn());
                    reassigned.add(now.dn());
                }
                if (put(now)) {
                    changed.add(name);
                }
            }
            settled.add(name);
        }
    }

    /** @return whether the card is new or its ETag changed */
    private boolean put(TrackedCard tracked) {
        String name = tracked.card().name();
        Held before = remove(name);
        Held now = new Held(tracked.card().summary(), tracked.dn(), tracked.dependsOn());
        hold(name, now);
        return before == null || !before.summary().etag().equals(now.summary().etag());
    }

    private void hold(String name, Held held) {
        cards.put(name, held);
        nameByDn.put(held.dn(), name);
        for (String dn : held.dependsOn()) {
            referrers.computeIfAbsent(dn, d -> new HashSet<>()).add(name);
        }
        for (String ancestor : ancestorsOf(held.dn())) {
            ancestors.merge(ancestor, 1, Integer::sum);
        }
    }

    /** The DNs above a card's DN, up to the book's base. */
    private List<String> ancestorsOf(String dn) {
        List<String> above = new ArrayList<>();
        try {
            for (DN parent = new DN(dn).getParent(); parent != null; parent = parent.getParent()) {
                String normalized = parent.toNormalizedString();
                if (normalized.equals(base) || !normalized.endsWith("," + base)) {
                    break;
                }
                above.add(normalized);
            }
        } catch (LDAPException e) {
            // An unparsable DN has no ancestors worth knowing.
        }
        return above;
    }

    private Held remove(String name) {
        Held before = cards.remove(name);
        if (before != null) {
            for (String ancestor : ancestorsOf(before.dn())) {
                ancestors.computeIfPresent(ancestor, (a, count) -> count == 1 ? null : count - 1);
            }
            nameByDn.remove(before.dn(), name);
            for (String dn : before.dependsOn()) {
                Set<String> names = referrers.get(dn);
                if (names != null) {
                    names.remove(name);
                    if (names.isEmpty()) {
                        referrers.remove(dn);
                    }
                }
            }
        }
        return before;
    }

    private void publish() {
        Map<String, String> etags = new TreeMap<>();
        List<CardSummary> sorted = new ArrayList<>(cards.size());
        new TreeMap<>(cards).forEach((name, held) -> {
            etags.put(name, held.summary().etag());
            sorted.add(held.summary());
        });
        snapshot = new Snapshot(List.copyOf(sorted), LdapAddressBook.ctagOf(etags));
    }

    @Override
    public BookInfo info() {
        return served.info();
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
        served.scan(sink);
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        return served.find(names);
    }

    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        return served.query(query, sink);
    }
}
