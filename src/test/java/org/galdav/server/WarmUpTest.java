package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.support.StubBook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The listing at start: a failure is reported, but not one caused by the server closing under it. */
class WarmUpTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(WarmUp.class);

    /** A book whose listing waits until released, then fails as a closed directory does. */
    private static final class SlowBook extends StubBook {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean listed = new AtomicBoolean();

        SlowBook(String id) {
            super(id);
        }

        @Override
        public String ctag() {
            listed.set(true);
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SourceUnavailableException("LDAP search failed: server down", null);
        }
    }

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void aListingThatFailsBecauseTheServerClosedIsNotReportedAndTheRestIsSkipped() throws Exception {
        SlowBook first = new SlowBook("first");
        SlowBook second = new SlowBook("second");
        second.release.countDown();
        WarmUp warmUp = WarmUp.start(List.of(first, second), TimeSource.SYSTEM);
        assertThat(first.entered.await(30, TimeUnit.SECONDS)).isTrue();
        warmUp.stop();
        first.release.countDown();
        assertThat(warmUp.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(log.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(second.listed).isFalse();
    }

    @Test
    void aListingThatFailsWhileRunningIsReportedAndTheNextBookIsStillListed() throws Exception {
        SlowBook first = new SlowBook("first");
        SlowBook second = new SlowBook("second");
        first.release.countDown();
        second.release.countDown();
        WarmUp warmUp = WarmUp.start(List.of(first, second), TimeSource.SYSTEM);
        assertThat(warmUp.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("address book first could not be listed at start: LDAP search failed: server down",
                        "address book second could not be listed at start: LDAP search failed: server down");
    }

    /**
     * A book whose listing failed at start (the directory was down) is listed again after a rest, so that
     * readiness does not wait for a client a load balancer would not send; only its first failure warns.
     */
    @Test
    void aBookThatCouldNotBeListedIsListedAgainAndThenReported() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        StubBook flaky = new StubBook("flaky") {
            @Override
            public String ctag() {
                if (attempts.incrementAndGet() < 3) {
                    throw new SourceUnavailableException("LDAP search failed: server down", null);
                }
                return super.ctag();
            }
        };
        List<String> ready = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch readied = new CountDownLatch(1);
        WarmUp warmUp = WarmUp.start(List.of(flaky), TimeSource.SYSTEM, java.util.Optional.of(Duration.ofMillis(1)),
                id -> {
                    ready.add(id);
                    readied.countDown();
                });
        try {
            assertThat(readied.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            warmUp.stop();
        }
        assertThat(warmUp.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(ready).containsExactly("flaky");
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().startsWith("address book flaky could not be listed at start: LDAP search "
                        + "failed: server down; trying again every ");
    }

    /** Stopped while it rests before listing again, it ends at once. */
    @Test
    void aStopEndsTheRestBeforeTheNextTry() throws Exception {
        SlowBook failing = new SlowBook("failing");
        failing.release.countDown();
        WarmUp warmUp = WarmUp.start(List.of(failing), TimeSource.SYSTEM, java.util.Optional.of(Duration.ofHours(1)),
                id -> { });
        assertThat(failing.entered.await(30, TimeUnit.SECONDS)).isTrue();
        warmUp.stop();
        assertThat(warmUp.awaitEnd(Duration.ofSeconds(30))).isTrue();
    }

    /** A directory gateway is searched, never listed: the warm-up readies its query path and holds no index of it. */
    @Test
    void aDirectoryGatewayIsSearchedNotListed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean listed = new AtomicBoolean();
        StubBook gateway = new StubBook(new org.galdav.core.BookInfo("search", "search", "", 1_000_000, true)) {
            @Override
            public String ctag() {
                listed.set(true);
                return super.ctag();
            }

            @Override
            public org.galdav.core.QueryOutcome query(org.galdav.core.query.CardQuery query,
                    org.galdav.core.CardSink<org.galdav.core.Card> sink) {
                queries.incrementAndGet();
                return new org.galdav.core.QueryOutcome(0, false);
            }
        };
        WarmUp warmUp = WarmUp.start(List.of(gateway), TimeSource.SYSTEM);
        assertThat(warmUp.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(listed).as("listed").isFalse();
        assertThat(queries.get()).as("searched").isEqualTo(1);
        assertThat(log.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
    }
}
