package org.galdav.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Deque;
import java.util.LinkedList;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.book.FeedLifecycle.Step;
import org.galdav.directory.ChangeFeed;
import org.galdav.directory.ChangeTrackingUnavailableException;
import org.junit.jupiter.api.Test;

/** When a feed is opened, polled, restarted and left to rest, with time given explicitly. */
class FeedLifecycleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Duration POLL = Duration.ofSeconds(15);

    /** A feed whose starts and polls fail when told to. */
    static final class ScriptedFeed implements ChangeFeed {
        int starts;
        int polls;
        boolean startFails;
        /** What the next polls answer; null stands for "position lost". */
        final Deque<Set<String>> answers = new LinkedList<>();

        @Override
        public String kind() {
            return "scripted";
        }

        @Override
        public void start() throws ChangeTrackingUnavailableException {
            starts++;
            if (startFails) {
                throw new ChangeTrackingUnavailableException("no access to the change log");
            }
        }

        @Override
        public Set<String> poll() throws ChangeTrackingUnavailableException {
            polls++;
            if (answers.isEmpty()) {
                return Set.of();
            }
            Set<String> next = answers.removeFirst();
            if (next == null) {
                throw new ChangeTrackingUnavailableException("history trimmed");
            }
            return next;
        }
    }

    @Test
    void withoutAFeedTheBookIsUntrackedForGoodAndTheDirectoryIsAskedOnce() {
        AtomicInteger asked = new AtomicInteger();
        FeedLifecycle life = new FeedLifecycle("b", () -> {
            asked.incrementAndGet();
            return Optional.empty();
        }, POLL);
        assertThat(life.next(0, false)).isEqualTo(Step.UNTRACKED);
        assertThat(life.next(100 * SECOND, false)).isEqualTo(Step.UNTRACKED);
        assertThat(asked).hasValue(1);
    }

    @Test
    void aStartedFeedIsListedThenPolledOncePerInterval() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedLifecycle life = new FeedLifecycle("b", () -> Optional.of(feed), POLL);
        assertThat(life.next(0, false)).isEqualTo(Step.LIST);
        life.listed(1 * SECOND);
        assertThat(life.next(15 * SECOND, true)).as("14 s after the listing").isEqualTo(Step.CURRENT);
        assertThat(life.next(16 * SECOND, true)).isEqualTo(Step.POLL);
        feed.answers.add(Set.of("uid=a,dc=x"));
        assertThat(life.poll(16 * SECOND)).contains(Set.of("uid=a,dc=x"));
        assertThat(life.next(30 * SECOND, true)).isEqualTo(Step.CURRENT);
        assertThat(life.next(31 * SECOND, true)).isEqualTo(Step.POLL);
        assertThat(feed.starts).as("the opener started it").isZero();
    }

    @Test
    void aFeedThatLostItsPositionIsRestartedBeforeTheNextListing() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedLifecycle life = new FeedLifecycle("b", () -> Optional.of(feed), POLL);
        life.next(0, false);
        life.listed(0);
        feed.answers.add(null);
        assertThat(life.poll(20 * SECOND)).isEmpty();
        assertThat(life.restart(20 * SECOND)).isTrue();
        assertThat(feed.starts).isEqualTo(1);
        // A tracker that lost its listing (a failed listing or apply) restarts the feed before listing again.
        assertThat(life.next(21 * SECOND, false)).isEqualTo(Step.LIST);
        assertThat(feed.starts).isEqualTo(2);
    }

    @Test
    void aFeedThatCannotStartRestsForTenMinutesThenIsTriedAgain() {
        ScriptedFeed feed = new ScriptedFeed();
        FeedLifecycle life = new FeedLifecycle("b", () -> Optional.of(feed), POLL);
        life.next(0, false);
        feed.startFails = true;
        assertThat(life.restart(0)).isFalse();
        long rest = FeedLifecycle.REST.toNanos();
        assertThat(life.next(rest - 1, false)).isEqualTo(Step.UNTRACKED);
        assertThat(feed.starts).as("not tried while resting").isEqualTo(1);
        assertThat(life.next(rest, false)).as("still failing").isEqualTo(Step.UNTRACKED);
        assertThat(feed.starts).isEqualTo(2);
        feed.startFails = false;
        assertThat(life.next(2 * rest, false)).isEqualTo(Step.LIST);
        assertThat(feed.starts).isEqualTo(3);
    }
}
