package org.galdav.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.galdav.core.AddressBook;
import org.galdav.core.CardSummary;
import org.galdav.core.ForwardingAddressBook;
import org.galdav.core.InvalidSyncTokenException;
import org.galdav.core.SyncAnswer;
import org.galdav.core.Syncable;
import org.galdav.core.TimeSource;

/**
 * RFC 6578 sync for any book, by comparing listings: a token ({@link SyncToken}) names the book's
 * content, the {@link VersionHistory} keeps the contents handed out, and "what changed since" is the
 * {@link ListingDiff} between that content and the current listing — additions, changes and removals
 * alike, whatever the directory keeps of its own history. Thread-safe (the history is).
 *
 * <p>The book it wraps must answer {@code ctag()} as {@link org.galdav.core.ContentHash#ctagOf} of its listing
 * (the port's rule): the current version is reused exactly while the ctag names it, and a book whose ctag
 * follows another rule would be listed again on every request.
 */
public final class SyncingAddressBook extends ForwardingAddressBook implements Syncable {
    private final VersionHistory history;

    public SyncingAddressBook(AddressBook delegate, SnapshotStore store, TimeSource time) {
        super(delegate);
        this.history = new VersionHistory(delegate.info().id(), store, time);
    }

    @Override
    public String currentToken() {
        return token(current().id());
    }

    @Override
    public SyncAnswer changesSince(String token, int limit) throws InvalidSyncTokenException {
        VersionHistory.Version now = current();
        if (token.isBlank()) {
            return answer(now, Map.of(), now.cards().keySet(), limit);
        }
        String id = SyncToken.parse(token, info().id()).id();
        if (id.equals(now.id())) {
            return new SyncAnswer(List.of(), List.of(), token(now.id()), false);
        }
        Optional<Map<String, String>> recent = history.stepsSince(id, now.id());
        if (recent.isPresent()) {
            // Only the cards touched since the token are looked at: the cost follows the changes.
            return answer(now, recent.get(), recent.get().keySet(), limit);
        }
        Map<String, String> old = history.stored(id).orElseThrow(
                () -> new InvalidSyncTokenException("unknown or expired token"));
        Set<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.cards().keySet());
        return answer(now, old, names, limit);
    }

    private SyncAnswer answer(VersionHistory.Version now, Map<String, String> before, Set<String> names, int limit) {
        ListingDiff diff = ListingDiff.between(before, now.cards(), names, limit);
        String reached = diff.reached().map(history::keep).orElse(now.id());
        return new SyncAnswer(diff.changed(), diff.removed(), token(reached), diff.reached().isPresent());
    }

    @Override
    public Optional<Syncable> sync() {
        return Optional.of(this);
    }

    private VersionHistory.Version current() {
        return history.current(delegate()::ctag, this::listing);
    }

    private Map<String, CardSummary> listing() {
        Map<String, CardSummary> cards = new TreeMap<>();
        try {
            delegate().list(card -> cards.put(card.name(), card));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cards;
    }

    private String token(String id) {
        return new SyncToken(info().id(), id).uri();
    }
}
