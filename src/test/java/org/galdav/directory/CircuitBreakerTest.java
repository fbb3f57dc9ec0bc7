package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.SourceUnavailableException;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.Test;

/**
 * The breaker refuses at once after a failure and closes on the next answer; the probe answers health
 * checks within its timeout, and while the breaker is open tries the directory in the background until it
 * answers. A scripted target, a fake clock for the breaker's messages.
 */
class CircuitBreakerTest {
    private final FakeTime time = new FakeTime();
    private final CircuitBreaker breaker = new CircuitBreaker(time);
    private final AtomicInteger opened = new AtomicInteger();

    /** A directory that answers, fails or hangs as told; counts the probes. */
    private static final class ScriptedTarget implements DirectoryProbe.Target {
        final AtomicInteger probes = new AtomicInteger();
        volatile int failuresLeft;
        volatile CountDownLatch hang = new CountDownLatch(0);
        final CountDownLatch answered = new CountDownLatch(1);

        @Override
        public void probe() throws LDAPException {
            probes.incrementAndGet();
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new LDAPException(ResultCode.CONNECT_ERROR, "connection refused");
            }
            answered.countDown();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void afterAFailureEveryOperationIsRefusedAtOnceUntilTheDirectoryAnswers() {
        breaker.onOpen(opened::incrementAndGet);
        breaker.admit("search");
        breaker.failed("search", new LDAPException(ResultCode.TIMEOUT, "no answer within 5000 ms"));
        breaker.failed("read", new LDAPException(ResultCode.SERVER_DOWN, "gone"));
        time.advance(Duration.ofSeconds(3));

        assertThatThrownBy(() -> breaker.admit("search")).isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("failed 3 s ago").hasMessageContaining("no answer within 5000 ms");
        assertThat(opened).as("told once, when it opened").hasValue(1);
        breaker.succeeded();
        breaker.admit("search");
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void healthIsTheProbesAnswerAndFalseAtOnceWhileOpen() {
        ScriptedTarget target = new ScriptedTarget();
        try (DirectoryProbe probe = new DirectoryProbe(target, breaker, Duration.ofMinutes(10), Duration.ofSeconds(30))) {
            probe.start();
            assertThat(probe.healthy()).isTrue();
            target.failuresLeft = 1;
            assertThat(probe.healthy()).as("a failed probe").isFalse();
            assertThat(breaker.isOpen()).as("a failed probe opens the breaker").isTrue();
            int probes = target.probes.get();
            assertThat(probe.healthy()).isFalse();
            assertThat(target.probes).as("while open, health does not wait for a probe").hasValue(probes);
        }
    }

    @Test
    void aProbeThatHangsIsAnsweredFalseWithinTheTimeoutAndOpensTheBreaker() throws Exception {
        ScriptedTarget target = new ScriptedTarget();
        target.hang = new CountDownLatch(1);
        target.failuresLeft = 1;
        try (DirectoryProbe probe = new DirectoryProbe(target, breaker, Duration.ofMinutes(10), Duration.ofMillis(50))) {
            probe.start();
            assertThat(probe.healthy()).as("no answer within the probe timeout").isFalse();
            assertThat(breaker.isOpen()).as("no answer is a failure at once").isTrue();
            target.hang.countDown(); // the hung probe ends with a failure, as a timeout would
            assertThat(waitUntil(() -> target.failuresLeft == 0)).isTrue();
            assertThat(breaker.isOpen()).isTrue();
        }
    }

    @Test
    void whileOpenTheProbeTriesAgainUntilTheDirectoryAnswersAndThenClosesIt() throws Exception {
        ScriptedTarget target = new ScriptedTarget();
        target.failuresLeft = 3;
        try (DirectoryProbe probe = new DirectoryProbe(target, breaker, Duration.ofMillis(5), Duration.ofSeconds(1))) {
            probe.start();
            breaker.failed("search", new LDAPException(ResultCode.SERVER_DOWN, "gone"));
            assertThat(target.answered.await(30, TimeUnit.SECONDS)).as("a hang guard").isTrue();
            assertThat(waitUntil(() -> !breaker.isOpen())).isTrue();
            assertThat(target.probes).hasValue(4);
            breaker.admit("search");
        }
    }

    /** Whether the condition came true within a hang guard of 30 s (not a timing: it is expected at once). */
    private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 30_000 && !condition.getAsBoolean(); i++) {
            never.await(1, TimeUnit.MILLISECONDS);
        }
        return condition.getAsBoolean();
    }
}
