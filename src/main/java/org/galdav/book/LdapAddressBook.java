package org.galdav.book;

import com.unboundid.ldap.sdk.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.ContentHash;
import org.galdav.core.Deadline;
import org.galdav.core.QueryOutcome;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardMatcher;
import org.galdav.core.query.CardQuery;
import org.galdav.directory.Directory;
import org.galdav.directory.SearchOutcome;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.QueryTranslator;

/**
 * An address book backed by an LDAP subtree: translate, search (paged, streamed), render, and
 * re-check each card against the query so answers are exact whatever LDAP's matching rules did.
 * Thread-safe.
 */
public final class LdapAddressBook implements AddressBook {
    private final BookInfo info;
    private final Directory directory;
    private final EntryMapper mapper;
    private final DirectoryCards cards;
    private volatile QueryTranslator translator;

    public LdapAddressBook(BookInfo info, Directory directory, String baseDn, EntryMapper mapper, TimeSource time) {
        this.info = info;
        this.directory = directory;
        this.mapper = mapper;
        this.cards = new DirectoryCards(info.id(), directory, baseDn, mapper, time);
    }

    @Override
    public BookInfo info() {
        return info;
    }

    /** The hash of every card's name and ETag, from a full listing: changes iff the book's content changes. */
    @Override
    public String ctag() {
        Map<String, String> etags = new HashMap<>();
        try {
            scan(card -> etags.put(card.name(), card.summary().etag()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ContentHash.ctagOf(etags);
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
        cards.scanTracked(tracked -> sink.accept(tracked.card()));
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        Map<String, Card> found = new HashMap<>();
        cards.findTracked(names).forEach((name, tracked) -> found.put(name, tracked.card()));
        return found;
    }

    /**
     * The card of the entry at a DN, read now, exactly as the book serves it; empty when there is no such
     * entry, or the book does not publish it (outside its subtree, left out by its filter, no id).
     */
    public Optional<Card> cardAt(String dn) {
        return cards.readAt(dn).map(TrackedCard::card);
    }

    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        Filter filter = translator().translate(query.filter());
        QueryDelivery delivery = new QueryDelivery(query, sink);
        // Pages just over the limit: the search can stop after one page when the pre-selection was exact.
        int pageSize = (int) Math.min(Integer.MAX_VALUE - 1L, Math.max(20L, query.limit() + 1L));
        SearchOutcome outcome = cards.stream(filter, true, pageSize, delivery::offer);
        // A search the directory cut short may have missed matches: report it like a truncation.
        return new QueryOutcome(delivery.delivered, delivery.truncated || (!outcome.complete() && outcome.limited()));
    }

    /** Re-checks each searched card against the query (RFC 6352 §10.5) and passes on at most the limit. */
    private static final class QueryDelivery {
        private final CardQuery query;
        private final CardSink<Card> sink;
        private int delivered;
        private boolean truncated;

        QueryDelivery(CardQuery query, CardSink<Card> sink) {
            this.query = query;
            this.sink = sink;
        }

        /** @return whether the search should go on */
        boolean offer(TrackedCard tracked) throws IOException {
            Deadline.current().check(); // a widened search may check a whole book of cards
            Card card = tracked.card();
            if (!CardMatcher.matches(query.filter(), card.properties())) {
                return true;
            }
            if (delivered == query.limit()) {
                truncated = true;
                return false;
            }
            delivered++;
            sink.accept(card);
            return true;
        }
    }

    /** The LDAP filter a query is sent as; for tests and diagnostics. */
    public Filter ldapFilterFor(CardQuery query) {
        return translator().translate(query.filter());
    }

    /** Built on first use, from the schema of the directory as it is then (it may be down at start). */
    private QueryTranslator translator() {
        QueryTranslator current = translator;
        if (current == null) {
            current = new QueryTranslator(mapper.mapping(), SchemaRules.of(directory.schema().orElse(null)));
            translator = current;
        }
        return current;
    }

    /** Where change tracking reads this book from: the directory, uncached. */
    TrackedSource tracking() {
        return cards;
    }
}
