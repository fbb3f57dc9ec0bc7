package org.galdav.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.galdav.core.CardSummary;
import org.galdav.core.ContentHash;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;

/**
 * The versions of one book's content a sync token can name: the current one in memory, every one ever
 * handed out as a file in the {@link SnapshotStore} (until the horizon), and the steps between recent
 * versions in memory, so that a client with a recent token costs as much as its changes. Thread-safe:
 * one lock guards the current version and the steps; a second one lets a single request rebuild at a
 * time, so a slower, older listing never replaces a newer version.
 */
final class VersionHistory {
    /** Recent versions answered from memory: at most this many steps, holding at most this many entries. */
    private static final int HISTORY_STEPS = 256;
    private static final int HISTORY_ENTRIES = 200_000;
    /** How often (at most) the current state's file is touched, so that it outlives the horizon while current. */
    private static final Duration TOUCH_EVERY = Duration.ofHours(1);

    /** The book's content at one moment: its hash, and its cards by name. */
    record Version(String id, Map<String, CardSummary> cards) {
        String ctag() {
            return ContentHash.ctag(id);
        }
    }

    /** One step between versions: for each card that changed, its ETag before (null: it did not exist). */
    private record Step(String fromId, String toId, Map<String, String> before) {
    }

    private final String book;
    private final SnapshotStore store;
    private final TimeSource time;
    private final Object lock = new Object();
    private final Object rebuilding = new Object();
    private final Deque<Step> steps = new ArrayDeque<>();
    private int stepEntries;
    private Version current;
    private Instant touched = Instant.EPOCH;

    VersionHistory(String book, SnapshotStore store, TimeSource time) {
        this.book = book;
        this.store = store;
        this.time = time;
    }

    /**
     * The current version: the one in memory while the book's ctag still names it; otherwise rebuilt from
     * a listing (its hash, its stored state, one step of history). When the book cannot say (the directory
     * is down and nothing below holds its listing), the last version answers: a client is told what it
     * was told last, stale by at most the outage, rather than 503.
     *
     * @param ctag    the book's ctag now
     * @param listing the book's cards by name, read now
     * @throws SourceUnavailableException when the book cannot say and no version is held yet
     */
    Version current(Supplier<String> ctag, Supplier<Map<String, CardSummary>> listing) {
        try {
            return currentOrRebuilt(ctag, listing);
        } catch (SourceUnavailableException e) {
            synchronized (lock) {
                if (current == null) {
                    throw e;
                }
                return current;
            }
        }
    }

    private Version currentOrRebuilt(Supplier<String> ctag, Supplier<Map<String, CardSummary>> listing) {
        Version known = upToDate(ctag.get());
        if (known != null) {
            return known;
        }
        synchronized (rebuilding) {
            known = upToDate(ctag.get());
            if (known != null) {
                return known; // another request rebuilt it meanwhile
            }
            Map<String, CardSummary> cards = listing.get();
            Map<String, String> etags = etags(cards);
            String id = ContentHash.of(etags);
            store.save(book, id, etags);
            synchronized (lock) {
                if (current != null && !current.id().equals(id)) {
                    remember(new Step(current.id(), id, before(current.cards(), cards)));
                }
                current = new Version(id, Collections.unmodifiableMap(cards));
                touched = time.now();
                return current;
            }
        }
    }

    /**
     * The ETags, before, of every card that changed from the state {@code id} to the version {@code nowId},
     * if the way there is still in memory; empty otherwise (the caller reads the stored state).
     */
    Optional<Map<String, String>> stepsSince(String id, String nowId) {
        synchronized (lock) {
            List<Step> recent = new ArrayList<>(steps);
            for (int from = recent.size() - 1; from >= 0; from--) {
                if (recent.get(from).fromId().equals(id)) {
                    if (!recent.get(recent.size() - 1).toId().equals(nowId)) {
                        return Optional.empty();
                    }
                    Map<String, String> before = new HashMap<>();
                    for (Step step : recent.subList(from, recent.size())) {
                        step.before().forEach((name, etag) -> {
                            if (!before.containsKey(name)) {
                                before.put(name, etag); // the earliest value (maybe null) is the token's state
                            }
                        });
                    }
                    return Optional.of(before);
                }
            }
            return Optional.empty();
        }
    }

    /** A state handed out earlier (name → ETag), or empty when it is unknown or past the horizon. */
    Optional<Map<String, String>> stored(String id) {
        return store.load(book, id);
    }

    /** Keeps a state handed out to a client (one reached by a truncated answer), and returns its id. */
    String keep(Map<String, String> state) {
        String id = ContentHash.of(state);
        store.save(book, id, state);
        return id;
    }

    /** The current version if the book's ctag says its content is still the same, else null. */
    private Version upToDate(String ctag) {
        synchronized (lock) {
            if (current != null && current.ctag().equals(ctag)) {
                touchNow(current);
                return current;
            }
            return null;
        }
    }

    /** Keeps the current state's file within the horizon while the book stays unchanged for long. */
    private void touchNow(Version version) {
        Instant now = time.now();
        Duration half = store.horizon().dividedBy(2);
        Duration every = half.compareTo(TOUCH_EVERY) < 0 ? half : TOUCH_EVERY;
        if (now.isAfter(touched.plus(every))) {
            touched = now;
            store.save(book, version.id(), etags(version.cards()));
        }
    }

    private void remember(Step step) {
        steps.addLast(step);
        stepEntries += step.before().size();
        while (steps.size() > HISTORY_STEPS || (stepEntries > HISTORY_ENTRIES && steps.size() > 1)) {
            stepEntries -= steps.removeFirst().before().size();
        }
    }

    /** For each card that differs between two versions, its ETag in the first (null when it was not there). */
    private static Map<String, String> before(Map<String, CardSummary> was, Map<String, CardSummary> now) {
        Map<String, String> before = new HashMap<>();
        was.forEach((name, card) -> {
            CardSummary after = now.get(name);
            if (after == null || !after.etag().equals(card.etag())) {
                before.put(name, card.etag());
            }
        });
        now.keySet().forEach(name -> {
            if (!was.containsKey(name)) {
                before.put(name, null);
            }
        });
        return before;
    }

    private static Map<String, String> etags(Map<String, CardSummary> cards) {
        Map<String, String> etags = new TreeMap<>();
        cards.forEach((name, card) -> etags.put(name, card.etag()));
        return etags;
    }
}
