package org.galdav.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.galdav.core.AddressBlock;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.Test;

/** {@link LoginThrottle}: bursts of each budget, then one failure per interval; time moved by hand. */
class LoginThrottleTest {
    private static final ThrottleSettings SETTINGS = new ThrottleSettings(Duration.ofMinutes(5), 5, 10, 30,
            Duration.ofMinutes(1), Duration.ofDays(7));
    private static final AddressBlock A = new AddressBlock("192.0.2.1");
    private static final AddressBlock B = new AddressBlock("192.0.2.2");
    private static final AddressBlock C = new AddressBlock("192.0.2.3");

    private final FakeTime time = new FakeTime();
    private final LoginThrottle throttle = new LoginThrottle(SETTINGS, time);

    @Test
    void aLoginFromOneClientGetsItsBurstThenOneFailurePerInterval() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.take("ada", A)).isEmpty();
        }
        assertThat(throttle.take("ada", A)).contains(Duration.ofMinutes(1));
        time.advance(Duration.ofSeconds(59));
        assertThat(throttle.take("ada", A)).contains(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(1));
        assertThat(throttle.take("ada", A)).isEmpty();
        assertThat(throttle.take("ada", A)).isPresent();
        time.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.take("ada", A)).as("full again after a period").isEmpty();
        }
    }

    @Test
    void anotherClientStillHasRoomUntilTheLoginsOwnBudgetIsSpent() {
        for (int i = 0; i < 5; i++) {
            throttle.take("ada", A);
        }
        assertThat(throttle.take("ada", A)).isPresent();
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.take("ada", B)).as("the guesser's failures do not spend B's share").isEmpty();
        }
        assertThat(throttle.take("ada", C)).as("ten failures of the login from all clients").isPresent();
        assertThat(throttle.take("grace", C)).as("another login").isEmpty();
    }

    @Test
    void spellingsTheDirectoryMatchesAlikeShareABudget() {
        for (String spelling : new String[] {"ada", "ADA", " ada", "ada ", "Ａｄａ"}) {
            assertThat(throttle.take(spelling, A)).as(spelling).isEmpty();
        }
        assertThat(throttle.take("aDa", A)).isPresent();
        assertThat(LoginThrottle.prepared("  Ada   Lovelace ")).isEqualTo("ada lovelace");
    }

    @Test
    void aClientGuessingManyLoginsIsStoppedByItsOwnBudget() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.take("user" + i, A)).isEmpty();
        }
        assertThat(throttle.take("user30", A)).contains(Duration.ofSeconds(10));
        assertThat(throttle.take("user30", B)).isEmpty();
    }

    @Test
    void whatIsGivenBackCanBeTakenAgain() {
        for (int i = 0; i < 5; i++) {
            throttle.take("ada", A);
        }
        throttle.giveBack("ada", A);
        assertThat(throttle.take("ada", A)).isEmpty();
        assertThat(throttle.take("ada", A)).isPresent();
    }
}
