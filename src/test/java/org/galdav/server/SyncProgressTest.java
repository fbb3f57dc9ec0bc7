package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.Test;

/**
 * The change-tracking numbers the stall alert reads: a run of failures spans from its first failure to its
 * latest, so only failures that keep coming stretch it, and a success ends it.
 */
class SyncProgressTest {
    private final FakeTime time = new FakeTime();
    private final SyncProgress progress = new SyncProgress(time);

    @Test
    void beforeAnyPollThereIsNoSuccessToDateAndNoFailure() {
        assertThat(progress.lastSuccessSeconds()).isNaN();
        assertThat(progress.failingSeconds()).isZero();
        assertThat(progress.trackingActive()).isZero();
    }

    @Test
    void aSuccessIsDatedInUnixSeconds() {
        time.advance(Duration.ofSeconds(90));
        progress.succeeded();
        assertThat(progress.lastSuccessSeconds()).isEqualTo(time.now().getEpochSecond());
    }

    @Test
    void oneFailureFollowedByQuietIsNoRunOfFailures() {
        progress.succeeded();
        time.advance(Duration.ofHours(8));
        progress.failed();
        time.advance(Duration.ofHours(1));
        assertThat(progress.failingSeconds()).isZero();
    }

    @Test
    void failuresThatKeepComingStretchTheRunUntilASuccessEndsIt() {
        progress.succeeded();
        progress.failed();
        time.advance(Duration.ofSeconds(15));
        progress.failed();
        time.advance(Duration.ofSeconds(150));
        progress.failed();
        assertThat(progress.failingSeconds()).isEqualTo(165.0);

        time.advance(Duration.ofSeconds(15));
        progress.succeeded();
        assertThat(progress.failingSeconds()).isZero();
        progress.failed();
        time.advance(Duration.ofSeconds(30));
        progress.failed();
        assertThat(progress.failingSeconds()).as("a new run starts at its own first failure").isEqualTo(30.0);
    }

    @Test
    void trackingFollowsWhatTheTrackerSaysLast() {
        progress.following(true);
        assertThat(progress.trackingActive()).isEqualTo(1.0);
        progress.following(false);
        assertThat(progress.trackingActive()).isZero();
    }
}
