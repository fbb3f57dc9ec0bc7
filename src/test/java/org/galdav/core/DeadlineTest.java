package org.galdav.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.Test;

/** A request's deadline: time, a client that leaves, and the per-thread current one. */
class DeadlineTest {
    @Test
    void expiresWhenTheTimeIsUpOrTheClientLeaves() {
        FakeTime time = new FakeTime();
        AtomicBoolean gone = new AtomicBoolean();
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), time, gone::get);
        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(29));
        deadline.check();
        gone.set(true);
        assertThatThrownBy(deadline::check).isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("disconnected");
        gone.set(false);
        time.advance(Duration.ofSeconds(1));
        assertThat(deadline.remaining()).isZero();
        assertThatThrownBy(deadline::check).hasMessageContaining("time is up");
    }

    @Test
    void theCurrentDeadlineIsPerThreadAndRestoredOnClose() throws Exception {
        Deadline outer = Deadline.after(Duration.ofSeconds(5), new FakeTime(), () -> false);
        assertThat(Deadline.current()).isSameAs(Deadline.NONE);
        try (Deadline.Scope scope = outer.open()) {
            assertThat(Deadline.current()).isSameAs(outer);
            Deadline[] seen = new Deadline[1];
            Thread other = new Thread(() -> seen[0] = Deadline.current());
            other.start();
            other.join();
            assertThat(seen[0]).isSameAs(Deadline.NONE);
        }
        assertThat(Deadline.current()).isSameAs(Deadline.NONE);
        assertThat(Deadline.NONE.expired()).isFalse();
    }
}
