package org.galdav.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.QueryOutcome;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.CardQuery;
import org.galdav.support.FakeTime;
import org.galdav.support.StubBook;
import org.junit.jupiter.api.Test;

/**
 * Stale-if-error: past the TTL the directory is asked first, and what memory holds (listing, ctag, cards,
 * query answers) stands in only when it cannot answer; what it never held fails as before; a card the
 * directory says is gone is never served again; while one request lists again, the others answer from the
 * last listing. A directory in memory that can be taken down, a fake clock.
 */
class CachingAddressBookOutageTest {
    private static final CacheSettings SETTINGS = new CacheSettings(Duration.ofMinutes(5), 1_000_000, 1_000,
            Duration.ofMinutes(5), 10, false);
    private static final CardQuery EVERYONE = new CardQuery(CardFilter.ALL, 10);

    private final FakeTime time = new FakeTime();
    private final Directory directory = new Directory();
    private final CachingAddressBook cached = new CachingAddressBook(directory, SETTINGS, time);

    /** A directory whose cards the test sets, which can be down, or hang in its listings; counts the asks. */
    private static final class Directory extends StubBook {
        final Map<String, Card> cards = new LinkedHashMap<>();
        final AtomicInteger asked = new AtomicInteger();
        volatile boolean down;
        volatile CountDownLatch scanning = new CountDownLatch(0);
        volatile CountDownLatch scanEntered = new CountDownLatch(1);

        Directory() {
            super("b");
            for (String name : List.of("a.vcf", "b.vcf", "c.vcf")) {
                cards.put(name, new TestCard(name, "1"));
            }
        }

        private void ask() {
            asked.incrementAndGet();
            if (down) {
                throw new SourceUnavailableException("directory down", null);
            }
        }

        @Override
        public void scan(CardSink<Card> sink) throws IOException {
            ask();
            scanEntered.countDown();
            try {
                scanning.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Card card : List.copyOf(cards.values())) {
                sink.accept(card);
            }
        }

        @Override
        public Map<String, Card> find(Collection<String> names) {
            ask();
            Map<String, Card> found = new LinkedHashMap<>();
            names.stream().filter(cards::containsKey).forEach(name -> found.put(name, cards.get(name)));
            return found;
        }

        @Override
        public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
            ask();
            for (Card card : List.copyOf(cards.values())) {
                sink.accept(card);
            }
            return new QueryOutcome(cards.size(), false);
        }
    }

    private List<String> listed() throws IOException {
        List<String> names = new ArrayList<>();
        cached.list(card -> names.add(card.name()));
        return names;
    }

    private List<String> queried() throws IOException {
        List<String> names = new ArrayList<>();
        cached.query(EVERYONE, card -> names.add(card.name()));
        return names;
    }

    @Test
    void pastTheTtlWhatMemoryHoldsIsServedWhileTheDirectoryIsDown() throws IOException {
        List<String> listing = listed();
        String ctag = cached.ctag();
        assertThat(cached.find(List.of("a.vcf"))).containsKey("a.vcf");
        assertThat(queried()).containsExactly("a.vcf", "b.vcf", "c.vcf");
        time.advance(Duration.ofMinutes(6));
        directory.down = true;

        assertThat(listed()).isEqualTo(listing).hasSize(3);
        assertThat(cached.ctag()).isEqualTo(ctag);
        assertThat(cached.find(List.of("a.vcf", "b.vcf")).keySet()).containsExactly("a.vcf", "b.vcf");
        assertThat(queried()).containsExactly("a.vcf", "b.vcf", "c.vcf");
        // What memory never held still needs the directory.
        assertThatThrownBy(() -> cached.find(List.of("a.vcf", "new.vcf"))).isInstanceOf(SourceUnavailableException.class);
        assertThatThrownBy(() -> cached.query(new CardQuery(CardFilter.ALL, 20), card -> { }))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void pastTheTtlTheDirectoryIsAskedFirstAndACardItSaysIsGoneIsNotServedAgain() throws IOException {
        assertThat(cached.find(List.of("a.vcf"))).containsKey("a.vcf");
        time.advance(Duration.ofMinutes(6));
        directory.cards.remove("a.vcf");
        assertThat(cached.find(List.of("a.vcf"))).isEmpty();
        directory.down = true;

        assertThatThrownBy(() -> cached.find(List.of("a.vcf"))).isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void aReportedChangeSendsListingsAndQueriesToTheDirectoryButTheLastOnesStandInWhenItIsDown() throws IOException {
        listed();
        queried();
        directory.cards.put("d.vcf", new TestCard("d.vcf", "1"));
        cached.forget(List.of("d.vcf"));
        directory.down = true;
        int asked = directory.asked.get();

        assertThat(listed()).containsExactly("a.vcf", "b.vcf", "c.vcf");
        assertThat(queried()).containsExactly("a.vcf", "b.vcf", "c.vcf");
        assertThat(directory.asked.get()).as("the directory was asked first").isEqualTo(asked + 2);
        directory.down = false;
        assertThat(listed()).contains("d.vcf");
        assertThat(queried()).contains("d.vcf");
    }

    @Test
    void whileOneRequestListsAgainTheOthersAnswerFromTheLastListing() throws Exception {
        String ctag = cached.ctag();
        time.advance(Duration.ofMinutes(6));
        directory.cards.put("d.vcf", new TestCard("d.vcf", "1"));
        directory.scanning = new CountDownLatch(1);
        directory.scanEntered = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<List<String>> relisting = threads.submit(this::listed);
            assertThat(directory.scanEntered.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                others.add(threads.submit(() -> cached.ctag() + listed().size()));
            }
            for (Future<String> other : others) {
                assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(ctag + 3); // a hang guard, not a timing
            }
            directory.scanning.countDown();
            assertThat(relisting.get(30, TimeUnit.SECONDS)).hasSize(4);
        } finally {
            directory.scanning.countDown();
            threads.shutdownNow();
        }
        assertThat(cached.ctag()).isNotEqualTo(ctag);
    }
}
