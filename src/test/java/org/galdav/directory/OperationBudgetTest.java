package org.galdav.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import org.galdav.core.Deadline;
import org.galdav.core.DeadlineExceededException;
import org.galdav.support.FakeTime;
import org.junit.jupiter.api.Test;

/** Short waits during a request, never past its deadline; the long wait in the background. Fake clock. */
class OperationBudgetTest {
    private static final Duration REQUEST = Duration.ofSeconds(5);
    private static final Duration BACKGROUND = Duration.ofSeconds(30);
    private final FakeTime time = new FakeTime();

    @Test
    void outsideARequestTheOperationTimeoutIsBothWaitAndTimeLimit() throws LDAPException {
        OperationBudget budget = OperationBudget.now(REQUEST, BACKGROUND);
        assertThat(budget.responseTimeoutMillis()).isEqualTo(30_000);
        assertThat(budget.timeLimitSeconds()).isEqualTo(30);
        assertThat(budget.requestOutOfTime()).isFalse();
        SearchRequest request = budget.apply(new SearchRequest("", SearchScope.BASE, "(objectClass=*)"));
        assertThat(request.getResponseTimeoutMillis(null)).isEqualTo(30_000);
    }

    @Test
    void duringARequestEachAnswerGetsTheRequestTimeoutAndTheServerTheTimeLeft() {
        try (Deadline.Scope scope = Deadline.after(Duration.ofSeconds(60), time, () -> false).open()) {
            time.advance(Duration.ofMillis(500));
            OperationBudget budget = OperationBudget.now(REQUEST, BACKGROUND);
            assertThat(budget.responseTimeoutMillis()).isEqualTo(5_000);
            assertThat(budget.timeLimitSeconds()).isEqualTo(60); // 59.5 s, rounded up
            assertThat(budget.requestOutOfTime()).isFalse();
        }
    }

    @Test
    void nearTheDeadlineTheWaitIsWhatIsLeftAndATimeoutIsTheRequests() {
        try (Deadline.Scope scope = Deadline.after(Duration.ofMillis(2_500), time, () -> false).open()) {
            OperationBudget budget = OperationBudget.now(REQUEST, BACKGROUND);
            assertThat(budget.responseTimeoutMillis()).isEqualTo(2_500);
            assertThat(budget.timeLimitSeconds()).isEqualTo(3);
            assertThat(budget.requestOutOfTime()).isTrue();
        }
    }

    @Test
    void pastTheDeadlineNothingIsSent() {
        try (Deadline.Scope scope = Deadline.after(Duration.ofSeconds(1), time, () -> false).open()) {
            time.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> OperationBudget.now(REQUEST, BACKGROUND))
                    .isInstanceOf(DeadlineExceededException.class);
        }
        try (Deadline.Scope scope = Deadline.after(Duration.ofSeconds(60), time, () -> true).open()) {
            assertThatThrownBy(() -> OperationBudget.now(REQUEST, BACKGROUND))
                    .as("the client went away").isInstanceOf(DeadlineExceededException.class);
        }
    }
}
