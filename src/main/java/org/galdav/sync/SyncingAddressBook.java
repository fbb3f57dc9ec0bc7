package org.galdav.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.InvalidSyncTokenException;
import org.galdav.core.QueryOutcome;
import org.galdav.core.SyncAnswer;
import org.galdav.core.Syncable;
import org.galdav.core.query.CardQuery;

/**
 * RFC 6578 sync for any book, by comparing listings: a token names the book's content by its hash
 * ({@code http://galdav.org/ns/sync/<book>/<hash>}), the content itself is kept in a
 * {@link SnapshotStore}, and "what changed since" is the difference between that content and the
 * current listing — additions, changes and removals alike, whatever the directory keeps of its own
 * history. Tokens stay identical while nothing changes and survive restarts. The last versions and the
 * steps between them are also kept in memory, so a client with a recent token costs as much as its
 * changes, not a reading of the whole stored state.
 */
public final class SyncingAddressBook implements AddressBook, Syncable {
    public static final String TOKEN_PREFIX = "http://galdav.org/ns/sync/";
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(TOKEN_PREFIX) + "([A-Za-z0-9._-]{1,64})/([A-Za-z0-9_-]{22})");
    /** Recent versions answered from memory: at most this many steps, holding at most this many entries. */
    private static final int HISTORY_STEPS = 256;
    private static final int HISTORY_ENTRIES = 200_000;
    /** How often (at most) the current state's file is touched, so that it outlives the horizon while current. */
    private static final Duration TOUCH_EVERY = Duration.ofHours(1);

    /** The book's content at one moment: its ctag, its id, and its cards by name. */
    private record Version(String ctag, String id, Map<String, CardSummary> cards) {
    }

    /** One step between versions: for each card that changed, its ETag before (null: it did not exist). */
    private record Step(String fromId, String toId, Map<String, String> before) {
    }

    private final AddressBook delegate;
    private final SnapshotStore store;
    private final Clock clock;
    private final Function<Map<String, String>, String> ctagOf;
    private final Object lock = new Object();
    /** One rebuild at a time: a slower, older listing must not replace a newer version. */
    private final Object rebuilding = new Object();
    private Version current;
    private Instant touched = Instant.EPOCH;
    private final Deque<Step> history = new ArrayDeque<>();
    private int historyEntries;

    /**
     * @param ctagOf how the delegate computes its ctag from name → ETag: a version remembers the ctag of
     *               its own content, so that the ctag alone can tell whether the content is still the same
     */
    public SyncingAddressBook(AddressBook delegate, SnapshotStore store, Function<Map<String, String>, String> ctagOf) {
        this(delegate, store, ctagOf, Clock.systemUTC());
    }

    SyncingAddressBook(AddressBook delegate, SnapshotStore store, Function<Map<String, String>, String> ctagOf,
                       Clock clock) {
        this.delegate = delegate;
        this.store = store;
        this.ctagOf = ctagOf;
        this.clock = clock;
    }

    @Override
    public String currentToken() {
        return token(current().id());
    }

    @Override
    public SyncAnswer changesSince(String token, int limit) throws InvalidSyncTokenException {
        Version now = current();
        if (token.isBlank()) {
            return answer(now, Map.of(), now.cards().keySet(), limit);
        }
        Matcher m = TOKEN.matcher(token.trim());
        if (!m.matches() || !m.group(1).equals(info().id())) {
            throw new InvalidSyncTokenException("not a token of this book");
        }
        String id = m.group(2);
        if (id.equals(now.id())) {
            return new SyncAnswer(List.of(), List.of(), token(now.id()), false);
        }
        Optional<Map<String, String>> recent = stepsSince(id, now.id());
        if (recent.isPresent()) {
            // Only the cards touched since the token are looked at: the cost follows the changes.
            return answer(now, recent.get(), recent.get().keySet(), limit);
        }
        Map<String, String> old = store.load(info().id(), id).orElseThrow(
                () -> new InvalidSyncTokenException("unknown or expired token"));
        Set<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.cards().keySet());
        return answer(now, old, names, limit);
    }

    /**
     * The difference between a state and the current version, over the names that may differ.
     *
     * @param before ETag per name at the token's state; a name absent (or mapped to null) did not exist
     */
    private SyncAnswer answer(Version now, Map<String, String> before, Collection<String> names, int limit) {
        List<CardSummary> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            CardSummary card = now.cards().get(name);
            String was = before.get(name);
            if (card == null) {
                if (was != null) {
                    removed.add(name);
                }
            } else if (!card.etag().equals(was)) {
                changed.add(card);
            }
        }
        if (changed.size() + removed.size() <= limit) {
            return new SyncAnswer(changed, removed, token(now.id()), false);
        }
        // More changes than the client's limit (RFC 6578 §3.6): return some, and a token for the state the
        // client reaches with them, so that it can continue from there.
        List<String> someRemoved = removed.subList(0, Math.min(limit, removed.size()));
        List<CardSummary> someChanged = changed.subList(0, limit - someRemoved.size());
        Map<String, String> partial = new TreeMap<>();
        now.cards().forEach((name, card) -> partial.put(name, card.etag()));
        Set<String> given = new HashSet<>(someRemoved);
        someChanged.forEach(c -> given.add(c.name()));
        for (String name : names) {
            if (!given.contains(name)) {
                String was = before.get(name);
                if (was == null) {
                    partial.remove(name);
                } else {
                    partial.put(name, was);
                }
            }
        }
        String id = idOf(partial);
        store.save(info().id(), id, partial);
        return new SyncAnswer(someChanged, someRemoved, token(id), true);
    }

    /**
     * The ETags, before, of every card that changed from the state {@code id} to the current one, if the
     * way there is still in memory; empty otherwise (the caller reads the stored state).
     */
    private Optional<Map<String, String>> stepsSince(String id, String nowId) {
        synchronized (lock) {
            List<Step> steps = new ArrayList<>(history);
            for (int from = steps.size() - 1; from >= 0; from--) {
                if (steps.get(from).fromId().equals(id)) {
                    if (!steps.get(steps.size() - 1).toId().equals(nowId)) {
                        return Optional.empty();
                    }
                    Map<String, String> before = new HashMap<>();
                    for (Step step : steps.subList(from, steps.size())) {
                        step.before().forEach((name, etag) -> {
                            if (!before.containsKey(name)) {
                                before.put(name, etag); // the earliest value is the one at the token's state
                            }
                        });
                    }
                    return Optional.of(before);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The current version. Rebuilt (a listing, its hash, its stored state, one step of history) only when
     * the book's ctag moved; otherwise answered from memory.
     */
    private Version current() {
        Version known = upToDate(delegate.ctag());
        if (known != null) {
            return known;
        }
        synchronized (rebuilding) {
            known = upToDate(delegate.ctag());
            if (known != null) {
                return known; // another request rebuilt it meanwhile
            }
            Map<String, CardSummary> cards = listing();
            Map<String, String> etags = etags(cards);
            String id = idOf(etags);
            store.save(info().id(), id, etags);
            synchronized (lock) {
                Version previous = current;
                if (previous != null && !previous.id().equals(id)) {
                    remember(new Step(previous.id(), id, before(previous.cards(), cards)));
                }
                // The ctag of this very content, whatever the delegate's ctag said a moment ago.
                current = new Version(ctagOf.apply(etags), id, Collections.unmodifiableMap(cards));
                touched = clock.instant();
                return current;
            }
        }
    }

    /** The current version if the delegate's ctag says the content is still the same, else null. */
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
        Instant now = clock.instant();
        Duration half = store.horizon().dividedBy(2);
        Duration every = half.compareTo(TOUCH_EVERY) < 0 ? half : TOUCH_EVERY;
        if (now.isAfter(touched.plus(every))) {
            touched = now;
            store.save(info().id(), version.id(), etags(version.cards()));
        }
    }

    private void remember(Step step) {
        history.addLast(step);
        historyEntries += step.before().size();
        while (history.size() > HISTORY_STEPS || (historyEntries > HISTORY_ENTRIES && history.size() > 1)) {
            historyEntries -= history.removeFirst().before().size();
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

    @Override
    public Optional<Syncable> sync() {
        return Optional.of(this);
    }

    private Map<String, CardSummary> listing() {
        Map<String, CardSummary> cards = new TreeMap<>();
        try {
            delegate.list(card -> cards.put(card.name(), card));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cards;
    }

    private static Map<String, String> etags(Map<String, CardSummary> cards) {
        Map<String, String> etags = new TreeMap<>();
        cards.forEach((name, card) -> etags.put(name, card.etag()));
        return etags;
    }

    /** The content's name: a hash of the sorted names and ETags. */
    static String idOf(Map<String, String> etags) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(etags).forEach((name, etag) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(etag.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            });
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(sha.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String token(String id) {
        return TOKEN_PREFIX + info().id() + "/" + id;
    }

    @Override
    public BookInfo info() {
        return delegate.info();
    }

    @Override
    public String ctag() {
        return delegate.ctag();
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
        delegate.scan(sink);
    }

    @Override
    public void list(CardSink<CardSummary> sink) throws IOException {
        delegate.list(sink);
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        return delegate.find(names);
    }

    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        return delegate.query(query, sink);
    }
}
