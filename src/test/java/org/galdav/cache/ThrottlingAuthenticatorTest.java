package org.galdav.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.core.AddressBlock;
import org.galdav.core.Authenticator;
import org.galdav.core.LoginThrottledException;
import org.galdav.core.Principal;
import org.galdav.core.SourceUnavailableException;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.Test;

/**
 * {@link ThrottlingAuthenticator} over a directory that counts the checks it is asked for: guesses reach it
 * only within the budgets, repeated wrong credentials not at all, and real users are never kept out.
 */
class ThrottlingAuthenticatorTest {
    private static final ThrottleSettings SETTINGS = new ThrottleSettings(Duration.ofMinutes(5), 5, 10, 30,
            Duration.ofMinutes(1), Duration.ofDays(7));
    private static final AddressBlock GUESSER = new AddressBlock("203.0.113.66");
    private static final AddressBlock OFFICE = new AddressBlock("192.0.2.10");

    private final FakeTime time = new FakeTime();
    private final Directory directory = new Directory();
    private final ThrottlingAuthenticator authenticator = new ThrottlingAuthenticator(directory, SETTINGS, time);

    /** The directory: "ada" with password "right"; counts every check it is asked for. */
    private static final class Directory implements Authenticator {
        final List<String> checks = new ArrayList<>();
        boolean down;

        @Override
        public Optional<Principal> authenticate(String login, String password, AddressBlock client) {
            checks.add(login);
            if (down) {
                throw new SourceUnavailableException("down", null);
            }
            return login.equals("ada") && password.equals("right")
                    ? Optional.of(new Principal("ada", "Ada")) : Optional.empty();
        }
    }

    /** The answer a client gets: 200, 401 or 429. */
    private int status(String login, String password, AddressBlock client) {
        try {
            return authenticator.authenticate(login, password, client).isPresent() ? 200 : 401;
        } catch (LoginThrottledException e) {
            assertThat(e.retryAfter()).isPositive();
            return 429;
        }
    }

    @Test
    void threeHundredWrongPasswordsReachTheDirectoryAsFiveChecks() {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(status("ada", "guess" + i, GUESSER));
        }
        assertThat(directory.checks).hasSize(5);
        assertThat(answers.subList(0, 5)).containsOnly(401);
        assertThat(answers.subList(5, 300)).containsOnly(429);
    }

    @Test
    void theSameWrongCredentialsAreAnsweredFromMemoryUntilTheyAreForgotten() {
        for (int i = 0; i < 300; i++) {
            assertThat(status("ada", "old-password", OFFICE)).isEqualTo(401);
        }
        assertThat(directory.checks).hasSize(1);
        time.advance(Duration.ofMinutes(1));
        assertThat(status("ada", "old-password", OFFICE)).isEqualTo(401);
        assertThat(directory.checks).hasSize(2);
        assertThat(status("ada", "right", OFFICE)).as("a corrected password works at once").isEqualTo(200);
    }

    @Test
    void aRealUserIsNeverKeptOutByGuessesFromElsewhere() {
        for (int i = 0; i < 300; i++) {
            status("ada", "guess" + i, GUESSER);
        }
        assertThat(status("ada", "right", OFFICE)).as("first login from another client").isEqualTo(200);

        for (AddressBlock guesser : List.of(new AddressBlock("198.51.100.1"), new AddressBlock("198.51.100.2"))) {
            for (int i = 0; i < 100; i++) {
                status("ada", "guess" + i, guesser);
            }
        }
        assertThat(status("ada", "guess-new", new AddressBlock("198.51.100.3")))
                .as("the login's own budget is spent").isEqualTo(429);
        assertThat(status("ada", "right", new AddressBlock("192.0.2.99")))
                .as("credentials that succeeded before pass, from anywhere").isEqualTo(200);
    }

    @Test
    void unknownLoginsSpendTheBudgetsAsWrongPasswordsDo() {
        List<Integer> unknown = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            unknown.add(status("nobody", "guess" + i, GUESSER));
            known.add(status("ada", "guess" + i, new AddressBlock("203.0.113.67")));
        }
        assertThat(unknown).isEqualTo(known);
    }

    @Test
    void aDirectoryThatCannotAnswerSpendsNoBudget() {
        directory.down = true;
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> authenticator.authenticate("ada", "right", OFFICE))
                    .isInstanceOf(SourceUnavailableException.class);
        }
        directory.down = false;
        assertThat(status("ada", "right", OFFICE)).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(status("ada", "guess" + i, OFFICE)).isEqualTo(401);
        }
    }

    @Test
    void aForgottenLoginMustPassTheBudgetsAgain() {
        assertThat(status("ada", "right", OFFICE)).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            status("ada", "guess" + i, OFFICE);
        }
        authenticator.forget("ada", "right");
        assertThat(status("ada", "right", OFFICE)).isEqualTo(429);
    }

    /**
     * A client opening twenty connections at once with the right, not yet known password: one check reaches
     * the directory, every connection is let in, and the guessers' budget is not touched.
     */
    @Test
    void concurrentChecksOfTheSameCredentialsShareOneBind() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger binds = new java.util.concurrent.atomic.AtomicInteger();
        Authenticator slow = (login, password, client) -> {
            binds.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new Principal(login, login));
        };
        ThrottlingAuthenticator shared = new ThrottlingAuthenticator(slow, SETTINGS, time);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(20);
        try {
            List<java.util.concurrent.Future<Optional<Principal>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> {
                    started.countDown();
                    return shared.authenticate("ada", "right", OFFICE);
                }));
            }
            // The first check ends only once every connection has arrived: the checks really overlap.
            started.await();
            while (binds.get() == 0) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (java.util.concurrent.Future<Optional<Principal>> answer : answers) {
                assertThat(answer.get(1, java.util.concurrent.TimeUnit.MINUTES)).isPresent();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(binds.get()).isLessThanOrEqualTo(SETTINGS.perLogin());
    }
}
