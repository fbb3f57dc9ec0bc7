package org.galdav.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.ContentHash;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.support.StubBook;
import org.junit.jupiter.api.Test;

/**
 * The tracker as coordinator: one listing, then polls at most once per interval applying only what
 * changed; a feed that loses its position, a bulk change or a failure half-way lead to one new listing;
 * without a feed the served book answers; a poll that fails or hangs leaves the last listing answering.
 * Fake directory, fake feed, fake clock.
 */
class ChangeTrackerTest {
    private static final String PEOPLE = "ou=people," + FakeDirectory.BASE;
    private static final long SECOND = 1_000_000_000L;
    /** Long enough that the request that starts a poll always sees its outcome (a hang guard, not a timing). */
    private static final Duration POLL_WAIT = Duration.ofSeconds(30);

    private final FakeDirectory directory = new FakeDirectory();
    private final FeedLifecycleTest.ScriptedFeed feed = new FeedLifecycleTest.ScriptedFeed();
    private final AtomicLong clock = new AtomicLong();
    private final List<String> events = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();
    private final ServedBook served = new ServedBook();

    /** The served book (a cache in production): it answers only when the tracker steps aside. */
    private static final class ServedBook extends StubBook {
        int listings;

        ServedBook() {
            super("directory");
        }

        @Override
        public String ctag() {
            return "served-ctag";
        }

        @Override
        public void list(CardSink<CardSummary> sink) throws IOException {
            listings++;
            sink.accept(new CardSummary("served.vcf", "\"s\"", Optional.empty()));
        }
    }

    private ChangeTracker tracker(Optional<FeedLifecycleTest.ScriptedFeed> withFeed, TrackedSource source) {
        return new ChangeTracker(served, source, () -> withFeed.map(f -> f), Duration.ofSeconds(15), POLL_WAIT, time(),
                new ChangeTracker.Listener() {
                    @Override
                    public void loaded(Card card) {
                    }

                    @Override
                    public void changed(Collection<String> names) {
                        changed.addAll(names);
                    }

                    @Override
                    public void listed() {
                        events.add("listed");
                    }

                    @Override
                    public void polled() {
                        events.add("polled");
                    }
                });
    }

    /** The test's clock: only its nanoseconds matter to the tracker. */
    private TimeSource time() {
        return new TimeSource() {
            @Override
            public long nanoTime() {
                return clock.get();
            }

            @Override
            public Instant now() {
                return Instant.EPOCH.plusNanos(clock.get());
            }
        };
    }

    private FakeDirectory.Source people(int count) {
        directory.ou(PEOPLE);
        for (int i = 0; i < count; i++) {
            directory.add("uid=p" + i + "," + PEOPLE, "p" + i, "person " + i);
        }
        return directory.new Source(FakeDirectory.BASE);
    }

    private List<String> listed(ChangeTracker tracker) throws IOException {
        List<String> names = new ArrayList<>();
        tracker.list(card -> names.add(card.name()));
        return names;
    }

    @Test
    void listsOnceThenAppliesOnlyTheChangesAtMostOncePerPollInterval() throws IOException {
        FakeDirectory.Source source = people(50);
        ChangeTracker tracker = tracker(Optional.of(feed), source);
        assertThat(tracker.ctag()).isEqualTo(ContentHash.ctagOf(directory.listing(FakeDirectory.BASE)));
        assertThat(listed(tracker)).hasSize(50).startsWith("p0", "p1", "p10");
        assertThat(events).containsExactly("listed");

        feed.answers.add(directory.modify("uid=p7," + PEOPLE, "person 7, moved desks"));
        clock.set(10 * SECOND);
        assertThat(listed(tracker)).as("within the interval").hasSize(50);
        assertThat(feed.polls).isZero();
        clock.set(15 * SECOND);
        source.reads = 0;
        assertThat(tracker.ctag()).isEqualTo(ContentHash.ctagOf(directory.listing(FakeDirectory.BASE)));
        assertThat(source.reads).as("only the changed entry read").isEqualTo(1);
        assertThat(changed).containsExactly("p7");
        assertThat(events).containsExactly("listed", "polled");
        assertThat(served.listings).isZero();
    }

    @Test
    void aBulkChangeOrALostPositionMeansOneNewListing() throws IOException {
        FakeDirectory.Source source = people(3_000);
        ChangeTracker tracker = tracker(Optional.of(feed), source);
        tracker.ctag();
        Set<String> bulk = new HashSet<>();
        for (int i = 0; i < 2_001; i++) {
            bulk.addAll(directory.modify("uid=p" + i + "," + PEOPLE, "imported " + i));
        }
        feed.answers.add(bulk);
        clock.set(20 * SECOND);
        assertThat(tracker.ctag()).isEqualTo(ContentHash.ctagOf(directory.listing(FakeDirectory.BASE)));
        assertThat(events).containsExactly("listed", "polled", "listed");
        assertThat(changed).hasSize(2_001);
        assertThat(feed.starts).as("the feed took a new position before the listing").isEqualTo(1);

        feed.answers.add(null);
        directory.modify("uid=p2999," + PEOPLE, "changed while the position was lost");
        directory.add("uid=new," + PEOPLE, "new", "joined while the position was lost");
        clock.set(40 * SECOND);
        assertThat(tracker.ctag()).isEqualTo(ContentHash.ctagOf(directory.listing(FakeDirectory.BASE)));
        assertThat(events).containsExactly("listed", "polled", "listed", "listed");
        // The caches hear of additions too: a cached query answer may lack the new card.
        assertThat(changed).contains("p2999", "new");
    }

    @Test
    void aFailureHalfWayServesTheLastListingAndLeadsToANewListingThatStillFindsWhatChanged() throws IOException {
        FakeDirectory.Source source = people(20);
        FailingSource failing = new FailingSource(source);
        ChangeTracker tracker = tracker(Optional.of(feed), failing);
        String before = tracker.ctag();
        feed.answers.add(directory.modify("uid=p3," + PEOPLE, "person 3, changed"));
        failing.fail = true;
        clock.set(20 * SECOND);
        assertThat(tracker.ctag()).as("the last listing, while the directory fails").isEqualTo(before);
        assertThat(listed(tracker)).hasSize(20);
        clock.set(30 * SECOND);
        assertThat(tracker.ctag()).isEqualTo(before);
        assertThat(feed.starts).as("not asked again within a poll interval of the failure").isZero();
        // A poll interval later the feed restarts and the book is listed; that fails too, the index is kept.
        clock.set(35 * SECOND);
        assertThat(tracker.ctag()).isEqualTo(before);
        assertThat(feed.starts).isEqualTo(1);
        failing.fail = false;
        clock.set(50 * SECOND);
        assertThat(tracker.ctag()).isEqualTo(ContentHash.ctagOf(directory.listing(FakeDirectory.BASE)))
                .isNotEqualTo(before);
        assertThat(changed).containsExactly("p3");
        assertThat(feed.starts).isEqualTo(2);
    }

    @Test
    void withoutAnyListingAFailureIsTheRequestsAndTheNextRequestTriesAgain() throws IOException {
        FailingSource failing = new FailingSource(people(3));
        failing.fail = true;
        ChangeTracker tracker = tracker(Optional.of(feed), failing);
        assertThatThrownBy(tracker::ctag).isInstanceOf(SourceUnavailableException.class);
        failing.fail = false;
        assertThat(listed(tracker)).hasSize(3);
    }

    @Test
    void whileAPollHangsRequestsAnswerFromTheLastListingAtOnce() throws Exception {
        FakeDirectory.Source source = people(50);
        FailingSource hanging = new FailingSource(source);
        ChangeTracker tracker = new ChangeTracker(served, hanging, () -> Optional.of(feed), Duration.ofSeconds(15),
                Duration.ofMillis(20), time(), new ChangeTracker.Listener() {
                    @Override
                    public void loaded(Card card) {
                    }

                    @Override
                    public void changed(Collection<String> names) {
                        changed.addAll(names);
                    }
                });
        String before = tracker.ctag();
        feed.answers.add(directory.modify("uid=p7," + PEOPLE, "person 7, moved desks"));
        hanging.hang = new CountDownLatch(1);
        clock.set(20 * SECOND);
        // The request that starts the poll gives up on it after the poll wait; the others do not wait at all.
        assertThat(tracker.ctag()).isEqualTo(before);
        ExecutorService others = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(others.submit(() -> tracker.ctag() + listed(tracker).size()));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(before + 50); // a hang guard, not a timing
            }
        } finally {
            others.shutdownNow();
        }
        assertThat(hanging.entered.await(30, TimeUnit.SECONDS)).as("the poll is under way, hanging").isTrue();
        hanging.hang.countDown();
        assertThat(tracker.awaitRefresh(Duration.ofSeconds(30))).isTrue();
        assertThat(tracker.ctag()).isEqualTo(ContentHash.ctagOf(directory.listing(FakeDirectory.BASE)));
        assertThat(changed).containsExactly("p7");
    }

    @Test
    void cardsAddedToAnEmptyBookWhileThePositionWasLostAreReportedToo() throws IOException {
        ChangeTracker tracker = tracker(Optional.of(feed), people(0));
        assertThat(listed(tracker)).isEmpty();
        feed.answers.add(null);
        directory.add("uid=first," + PEOPLE, "first", "the first person");
        clock.set(20 * SECOND);
        assertThat(listed(tracker)).containsExactly("first");
        assertThat(changed).containsExactly("first");
    }

    @Test
    void withoutAFeedTheServedBookListsAndAnswersTheCtag() throws IOException {
        ChangeTracker tracker = tracker(Optional.empty(), people(5));
        assertThat(listed(tracker)).containsExactly("served.vcf");
        assertThat(tracker.ctag()).isEqualTo("served-ctag");
        assertThat(events).isEmpty();
    }

    @Test
    void aFeedThatCannotRestartLeavesTheServedBookAnsweringWhileItRests() throws IOException {
        ChangeTracker tracker = tracker(Optional.of(feed), people(5));
        tracker.ctag();
        feed.answers.add(null);
        feed.startFails = true;
        clock.set(20 * SECOND);
        assertThat(tracker.ctag()).isEqualTo("served-ctag");
        clock.set(25 * SECOND);
        assertThat(listed(tracker)).containsExactly("served.vcf");
        assertThat(feed.starts).isEqualTo(1);
        feed.startFails = false;
        clock.set(20 * SECOND + FeedLifecycle.REST.toNanos());
        assertThat(listed(tracker)).hasSize(5);
    }

    @Test
    void aRestThatEndsWhileTheDirectoryIsDownLeavesTheServedBookAnswering() throws IOException {
        FailingSource failing = new FailingSource(people(5));
        ChangeTracker tracker = tracker(Optional.of(feed), failing);
        tracker.ctag();
        feed.answers.add(null);
        feed.startFails = true;
        clock.set(20 * SECOND);
        assertThat(tracker.ctag()).isEqualTo("served-ctag");
        feed.startFails = false;
        failing.fail = true;
        clock.set(20 * SECOND + FeedLifecycle.REST.toNanos());
        assertThat(listed(tracker)).as("the listing after the rest failed").containsExactly("served.vcf");
        failing.fail = false;
        clock.set(35 * SECOND + FeedLifecycle.REST.toNanos());
        assertThat(listed(tracker)).hasSize(5);
    }

    /** A source that fails (directory down) when told to, in every read, or hangs in reads of single entries. */
    private static final class FailingSource implements TrackedSource {
        private final FakeDirectory.Source source;
        volatile boolean fail;
        /** While set and not counted down, reads of single entries wait for it, as on a hung directory. */
        volatile CountDownLatch hang;
        final CountDownLatch entered = new CountDownLatch(1);

        FailingSource(FakeDirectory.Source source) {
            this.source = source;
        }

        private void check() {
            if (fail) {
                throw new SourceUnavailableException("directory down", null);
            }
        }

        @Override
        public String baseDn() {
            return source.baseDn();
        }

        @Override
        public void scanTracked(CardSink<TrackedCard> sink) throws IOException {
            check();
            source.scanTracked(sink);
        }

        @Override
        public Optional<TrackedCard> readAt(String dn) {
            check();
            CountDownLatch hanging = hang;
            if (hanging != null) {
                entered.countDown();
                try {
                    hanging.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return source.readAt(dn);
        }

        @Override
        public void readBelow(String dn, CardSink<TrackedCard> sink) throws IOException {
            check();
            source.readBelow(dn, sink);
        }

        @Override
        public Map<String, TrackedCard> findTracked(Collection<String> names) {
            check();
            return source.findTracked(names);
        }

        @Override
        public void forget(Collection<String> dns) {
            source.forget(dns);
        }
    }
}
