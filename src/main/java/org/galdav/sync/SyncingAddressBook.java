package org.galdav.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * history. Tokens stay identical while nothing changes and survive restarts.
 */
public final class SyncingAddressBook implements AddressBook, Syncable {
    public static final String TOKEN_PREFIX = "http://galdav.org/ns/sync/";
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(TOKEN_PREFIX) + "([A-Za-z0-9._-]{1,64})/([A-Za-z0-9_-]{22})");

    private final AddressBook delegate;
    private final SnapshotStore store;

    public SyncingAddressBook(AddressBook delegate, SnapshotStore store) {
        this.delegate = delegate;
        this.store = store;
    }

    @Override
    public String currentToken() {
        Map<String, CardSummary> current = listing();
        Map<String, String> etags = etags(current);
        String id = idOf(etags);
        store.save(info().id(), id, etags);
        return token(id);
    }

    @Override
    public SyncAnswer changesSince(String token, int limit) throws InvalidSyncTokenException {
        Map<String, CardSummary> current = listing();
        Map<String, String> old;
        if (token.isBlank()) {
            old = Map.of();
        } else {
            Matcher m = TOKEN.matcher(token.trim());
            if (!m.matches() || !m.group(1).equals(info().id())) {
                throw new InvalidSyncTokenException("not a token of this book");
            }
            old = store.load(info().id(), m.group(2)).orElseThrow(
                    () -> new InvalidSyncTokenException("unknown or expired token"));
        }
        List<CardSummary> changed = new ArrayList<>();
        for (CardSummary card : current.values()) {
            if (!card.etag().equals(old.get(card.name()))) {
                changed.add(card);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String name : old.keySet()) {
            if (!current.containsKey(name)) {
                removed.add(name);
            }
        }
        if (changed.size() + removed.size() <= limit) {
            Map<String, String> etags = etags(current);
            String id = idOf(etags);
            store.save(info().id(), id, etags);
            return new SyncAnswer(changed, removed, token(id), false);
        }
        // More changes than the client's limit (RFC 6578 §3.6): return some, and a token for the state the
        // client reaches with them, so that it can continue from there.
        Map<String, String> partial = new TreeMap<>(old);
        List<String> someRemoved = removed.subList(0, Math.min(limit, removed.size()));
        List<CardSummary> someChanged = changed.subList(0, limit - someRemoved.size());
        someRemoved.forEach(partial::remove);
        someChanged.forEach(c -> partial.put(c.name(), c.etag()));
        String id = idOf(partial);
        store.save(info().id(), id, partial);
        return new SyncAnswer(someChanged, someRemoved, token(id), true);
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
