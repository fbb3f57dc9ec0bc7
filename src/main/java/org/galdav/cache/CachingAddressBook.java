package org.galdav.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.ContentHash;
import org.galdav.core.ForwardingAddressBook;
import org.galdav.core.QueryOutcome;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardQuery;

/**
 * Caffeine in front of an address book: rendered cards by name (bounded by bytes), query answers (bounded
 * by bytes) and the book's listing with its ctag. Each is served from memory for the TTL after it was read
 * (and, for listings, ctags and answers, while no change was reported since), which is how long a
 * directory change may take to show.
 *
 * <p>Past that, what memory holds is kept, not dropped (RFC 5861's stale-if-error): the directory is asked
 * again, and only when it cannot answer ({@link SourceUnavailableException}: down, hung, the breaker open)
 * is the last card, answer, listing or ctag served instead; a card the directory says is gone is dropped.
 * While one request lists the book again, the others answer from the last listing. So during an outage
 * clients see the state of its start, never an error for what memory can answer.
 *
 * <p>Thread-safe: a generation counter keeps a read that overlapped a change from caching the old content.
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

    /** A value with when it was read and the {@link #generation} it was read in. */
    private record Stamped<V>(V value, long readAt, long generation) {
    }

    private final CacheSettings settings;
    private final TimeSource time;
    private final Cache<String, Stamped<Card>> cards;
    private final Cache<CardQuery, Stamped<Answer>> answers;
    /** The last listing; its cards are null when the book is too large to keep listed (the ctag still is). */
    private volatile Stamped<Listing> listing;
    /** Set while one request lists the book again with a listing to fall back on. */
    private final AtomicBoolean relisting = new AtomicBoolean();
    /**
     * Counts {@link #forget} calls: what a read loaded is kept only if nothing was forgotten while it ran,
     * so a read that began before a change cannot put the old version back.
     */
    private final AtomicLong generation = new AtomicLong();

    public CachingAddressBook(AddressBook delegate, CacheSettings settings, TimeSource time) {
        super(delegate);
        this.settings = settings;
        this.time = time;
        // No expiry: entries past the TTL are kept for stale-if-error until the byte bounds push them out.
        // Upkeep on the calling thread: a listing puts 100,000 cards, and handing each put's upkeep to the
        // common pool cost more than the upkeep itself.
        this.cards = Caffeine.newBuilder()
                .ticker(time::nanoTime)
                .executor(Runnable::run)
                .maximumWeight(settings.maxCardBytes())
                .weigher((String name, Stamped<Card> card) -> (int) Math.min(Integer.MAX_VALUE, card.value().weight()))
                .build();
        this.answers = Caffeine.newBuilder()
                .ticker(time::nanoTime)
                .maximumWeight(Math.max(1, settings.maxCardBytes() / 4))
                .weigher((CardQuery query, Stamped<Answer> answer) -> answer.value().weight())
                .build();
    }

    @Override
    public String ctag() {
        Stamped<Listing> held = listing;
        if (held != null && (current(held) || !relisting.compareAndSet(false, true))) {
            return held.value().ctag(); // fresh, or another request is listing the book again
        }
        try {
            return refresh(card -> { }).ctag();
        } catch (SourceUnavailableException e) {
            if (held == null) {
                throw e;
            }
            return held.value().ctag();
        } catch (IOException e) {
            throw new IllegalStateException("a listing into nowhere cannot fail", e);
        } finally {
            if (held != null) {
                relisting.set(false);
            }
        }
    }

    @Override
    public void list(CardSink<CardSummary> sink) throws IOException {
        Stamped<Listing> held = listing;
        if (held == null || held.value().cards() == null) {
            refresh(sink); // nothing to fall back on: streamed as it is read
            return;
        }
        List<CardSummary> answer = held.value().cards();
        if (!current(held) && relisting.compareAndSet(false, true)) {
            try {
                List<CardSummary> read = new ArrayList<>();
                refresh(read::add);
                answer = read;
            } catch (SourceUnavailableException e) {
                // The last listing answers; the failure is the directory's, logged where it was noticed.
            } finally {
                relisting.set(false);
            }
        }
        for (CardSummary card : answer) {
            sink.accept(card);
        }
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
        long started = generation.get();
        delegate().scan(card -> {
            keepWithoutEvicting(started, card);
            sink.accept(card);
        });
    }

    /** Keeps a card another reader fetched (a change tracker's listing), so the next multiget needs no search. */
    public void remember(Card card) {
        keepWithoutEvicting(generation.get(), card);
    }

    /**
     * These cards changed or were removed: drop them; the listing, ctag and every query answer (any of them
     * may have included the old versions) are no longer served but while the directory cannot answer.
     */
    public void forget(Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        generation.incrementAndGet();
        cards.invalidateAll(names);
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        Map<String, Card> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Map<String, Card> stale = new LinkedHashMap<>();
        for (String name : names) {
            Stamped<Card> card = cards.getIfPresent(name);
            if (card != null && young(card)) {
                found.put(name, card.value());
            } else {
                missing.add(name);
                if (card != null) {
                    stale.put(name, card.value());
                }
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long started = generation.get();
        Map<String, Card> loaded;
        try {
            loaded = delegate().find(missing);
        } catch (SourceUnavailableException e) {
            if (stale.size() < missing.size()) {
                throw e; // a card never read cannot be answered from memory
            }
            found.putAll(stale);
            return found;
        }
        loaded.values().forEach(card -> keep(started, card));
        missing.stream().filter(name -> !loaded.containsKey(name)).forEach(cards::invalidate); // gone for good
        found.putAll(loaded);
        return found;
    }

    /**
     * Answers repeated queries (autocomplete sends the same prefix from many phones) from memory; the
     * query record itself is the key, so equal filters share an answer. A query asked again after its TTL is
     * read whole before it is streamed, so that the last answer can stand in when the directory fails.
     */
    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        Stamped<Answer> held = answers.getIfPresent(query);
        if (held != null && current(held)) {
            return stream(held.value(), sink);
        }
        long started = generation.get();
        List<Card> collected = new ArrayList<>();
        QueryOutcome outcome;
        if (held == null) {
            outcome = delegate().query(query, card -> {
                keep(started, card);
                collected.add(card);
                sink.accept(card);
            });
        } else {
            try {
                outcome = delegate().query(query, card -> {
                    keep(started, card);
                    collected.add(card);
                });
            } catch (SourceUnavailableException e) {
                return stream(held.value(), sink);
            }
            for (Card card : collected) {
                sink.accept(card);
            }
        }
        if (generation.get() == started) {
            answers.put(query, stamp(new Answer(List.copyOf(collected), outcome.truncated()), started));
            if (generation.get() != started) {
                answers.invalidate(query);
            }
        }
        return outcome;
    }

    private static QueryOutcome stream(Answer answer, CardSink<Card> sink) throws IOException {
        for (Card card : answer.cards()) {
            sink.accept(card);
        }
        return new QueryOutcome(answer.cards().size(), answer.truncated());
    }

    /** Lists from the directory, streaming to the sink while keeping the listing (its cards if few enough). */
    private Listing refresh(CardSink<CardSummary> sink) throws IOException {
        long started = generation.get();
        ListingCollector collected = new ListingCollector(settings.maxListingCards());
        delegate().scan(card -> {
            keepWithoutEvicting(started, card);
            collected.add(card.summary());
            sink.accept(card.summary());
        });
        Listing result = new Listing(collected.kept(), ContentHash.ctagOf(collected.etags()));
        if (generation.get() == started) {
            listing = stamp(result, started);
        }
        return result;
    }

    /**
     * What a pass over the whole book keeps: its cards while there is room, and newer versions of those already
     * kept, but never at the cost of another card — a book larger than the cache would otherwise push out
     * every card kept before, one by one, 100,000 times, for cards nobody asked for.
     */
    private void keepWithoutEvicting(long started, Card card) {
        long room = cards.policy().eviction().map(e -> e.getMaximum() - e.weightedSize().orElse(0L)).orElse(0L);
        if (card.weight() <= room || cards.asMap().containsKey(card.name())) {
            keep(started, card);
        }
    }

    private void keep(long started, Card card) {
        if (generation.get() == started) {
            cards.put(card.name(), stamp(card, started));
            if (generation.get() != started) {
                cards.invalidate(card.name()); // a forget() slipped in between
            }
        }
    }

    private <V> Stamped<V> stamp(V value, long readIn) {
        return new Stamped<>(value, time.nanoTime(), readIn);
    }

    /** Read within the TTL. */
    private boolean young(Stamped<?> stamped) {
        return time.nanoTime() - stamped.readAt() < settings.ttl().toNanos();
    }

    /** Read within the TTL, and nothing was reported changed since. */
    private boolean current(Stamped<?> stamped) {
        return young(stamped) && stamped.generation() == generation.get();
    }
}
