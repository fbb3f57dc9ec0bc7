package org.galdav.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.ContentHash;
import org.galdav.core.ForwardingAddressBook;
import org.galdav.core.QueryOutcome;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardQuery;

/**
 * Caffeine in front of an address book: rendered cards by name (bounded by bytes) and the book's
 * listing with its ctag (bounded by card count). Everything expires after the TTL, which is how long
 * a directory change may take to show.
 */
public final class CachingAddressBook extends ForwardingAddressBook {
    private record Listing(List<CardSummary> cards, String ctag) {
    }

    /** A query's answer; the cards are shared with the card cache. */
    private record Answer(List<Card> cards, boolean truncated) {
        int weight() {
            long sum = 64;
            for (Card card : cards) {
                sum += card.weight();
            }
            return (int) Math.min(Integer.MAX_VALUE, sum);
        }
    }

    private final CacheSettings settings;
    private final Cache<String, Card> cards;
    private final Cache<String, Listing> listing;
    private final Cache<CardQuery, Answer> answers;
    /** Kept apart from the listing, so books too large to keep listed still answer getctag from memory. */
    private final Cache<String, String> ctags;
    /**
     * Counts {@link #forget} calls: what a read loaded is kept only if nothing was forgotten while it ran,
     * so a read that began before a change cannot put the old version back.
     */
    private final AtomicLong generation = new AtomicLong();

    public CachingAddressBook(AddressBook delegate, CacheSettings settings, TimeSource time) {
        super(delegate);
        this.settings = settings;
        Ticker ticker = time::nanoTime;
        this.cards = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(settings.ttl())
                .maximumWeight(settings.maxCardBytes())
                .weigher((String name, Card card) -> (int) Math.min(Integer.MAX_VALUE, card.weight()))
                .build();
        this.listing = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.ttl()).maximumSize(1).build();
        this.ctags = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.ttl()).maximumSize(1).build();
        this.answers = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(settings.ttl())
                .maximumWeight(Math.max(1, settings.maxCardBytes() / 4))
                .weigher((CardQuery query, Answer answer) -> answer.weight())
                .build();
    }

    @Override
    public String ctag() {
        String cached = ctags.getIfPresent("");
        if (cached != null) {
            return cached;
        }
        try {
            return refresh(card -> { }).ctag();
        } catch (IOException e) {
            throw new IllegalStateException("a listing into nowhere cannot fail", e);
        }
    }

    @Override
    public void list(CardSink<CardSummary> sink) throws IOException {
        Listing cached = listing.getIfPresent("");
        if (cached != null) {
            for (CardSummary card : cached.cards()) {
                sink.accept(card);
            }
            return;
        }
        refresh(sink);
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
        long started = generation.get();
        delegate().scan(card -> {
            keep(started, card);
            sink.accept(card);
        });
    }

    private void keep(long started, Card card) {
        if (generation.get() == started) {
            cards.put(card.name(), card);
            if (generation.get() != started) {
                cards.invalidate(card.name()); // a forget() slipped in between
            }
        }
    }

    /** Keeps a card another reader fetched (a change tracker's listing), so the next multiget needs no search. */
    public void remember(Card card) {
        cards.put(card.name(), card);
    }

    /**
     * These cards changed or were removed: drop them, the listing and ctag, and every query answer
     * (any of them may have included the old versions).
     */
    public void forget(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        generation.incrementAndGet();
        cards.invalidateAll(names);
        listing.invalidateAll();
        ctags.invalidateAll();
        answers.invalidateAll();
    }

    /** Lists from the directory, streaming to the sink while keeping the listing if it is small enough. */
    private Listing refresh(CardSink<CardSummary> sink) throws IOException {
        long started = generation.get();
        ListingCollector collected = new ListingCollector(settings.maxListingCards());
        delegate().scan(card -> {
            keep(started, card);
            collected.add(card.summary());
            sink.accept(card.summary());
        });
        Listing result = new Listing(collected.kept(), ContentHash.ctagOf(collected.etags));
        if (generation.get() == started) {
            ctags.put("", result.ctag());
            if (!collected.tooLarge) {
                listing.put("", result);
            }
            if (generation.get() != started) {
                ctags.invalidateAll();
                listing.invalidateAll();
            }
        }
        return result;
    }

    /** A listing as it streams by: every ETag for the ctag, the summaries only while the book is small enough. */
    private static final class ListingCollector {
        private final int maxCards;
        private final Map<String, String> etags = new HashMap<>();
        private final List<CardSummary> summaries = new ArrayList<>();
        private boolean tooLarge;

        ListingCollector(int maxCards) {
            this.maxCards = maxCards;
        }

        void add(CardSummary card) {
            etags.put(card.name(), card.etag());
            if (!tooLarge) {
                summaries.add(card);
                if (summaries.size() > maxCards) {
                    tooLarge = true;
                    summaries.clear();
                }
            }
        }

        List<CardSummary> kept() {
            return List.copyOf(summaries);
        }
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        Map<String, Card> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Card card = cards.getIfPresent(name);
            if (card != null) {
                found.put(name, card);
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            long started = generation.get();
            Map<String, Card> loaded = delegate().find(missing);
            loaded.values().forEach(card -> keep(started, card));
            found.putAll(loaded);
        }
        return found;
    }

    /**
     * Answers repeated queries (autocomplete sends the same prefix from many phones) from memory; the
     * query record itself is the key, so equal filters share an answer.
     */
    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        Answer cached = answers.getIfPresent(query);
        if (cached != null) {
            for (Card card : cached.cards()) {
                sink.accept(card);
            }
            return new QueryOutcome(cached.cards().size(), cached.truncated());
        }
        long started = generation.get();
        List<Card> collected = new ArrayList<>();
        QueryOutcome outcome = delegate().query(query, card -> {
            keep(started, card);
            collected.add(card);
            sink.accept(card);
        });
        if (generation.get() == started) {
            answers.put(query, new Answer(List.copyOf(collected), outcome.truncated()));
            if (generation.get() != started) {
                answers.invalidate(query);
            }
        }
        return outcome;
    }
}
