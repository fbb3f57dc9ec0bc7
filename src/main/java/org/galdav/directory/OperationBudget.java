package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPRequest;
import java.time.Duration;
import org.galdav.core.Deadline;
import org.galdav.core.DeadlineExceededException;

/**
 * How long one LDAP operation may take, decided as it is sent from the thread's {@link Deadline}. During a
 * request each answer is awaited at most the request timeout and never past the deadline, and the server is
 * asked to give up when the deadline passes (the search's time limit, RFC 4511 §4.5.1); outside a request
 * ({@link Deadline#NONE}: the warm-up listing, the change tracker's polls and listings) both are the longer
 * operation timeout. Immutable.
 *
 * @param deadline             the request's deadline, or {@link Deadline#NONE}
 * @param responseTimeoutMillis how long the client waits for each answer (an entry, a page's end)
 * @param timeLimitSeconds     the time limit the server is asked to keep to, whole seconds, at least 1
 * @param clipped              the wait was cut short by the deadline: a timeout then means the request's time
 *                             is up, not that the directory hangs
 */
record OperationBudget(Deadline deadline, long responseTimeoutMillis, int timeLimitSeconds, boolean clipped) {

    /**
     * The budget for an operation sent now.
     *
     * @throws DeadlineExceededException when the request's time is already up: nothing is sent then
     */
    static OperationBudget now(Duration requestTimeout, Duration operationTimeout) {
        Deadline deadline = Deadline.current();
        if (deadline == Deadline.NONE) {
            return new OperationBudget(deadline, Math.max(1, operationTimeout.toMillis()), seconds(operationTimeout),
                    false);
        }
        deadline.check();
        Duration remaining = deadline.remaining();
        boolean clipped = remaining.compareTo(requestTimeout) < 0;
        Duration wait = clipped ? remaining : requestTimeout;
        // Rounded up, so that a wait the deadline cut short ends when the deadline has passed, not just before.
        long millis = Math.max(1, wait.plusNanos(999_999).toMillis());
        return new OperationBudget(deadline, millis, seconds(remaining), clipped);
    }

    /** Gives the request this budget's response timeout. */
    <R extends LDAPRequest> R apply(R request) {
        request.setResponseTimeoutMillis(responseTimeoutMillis);
        return request;
    }

    /** Whether a timed-out answer means that the request's time is up rather than that the directory hangs. */
    boolean requestOutOfTime() {
        return clipped || deadline.expired();
    }

    private static int seconds(Duration duration) {
        long seconds = duration.plusNanos(999_999_999).getSeconds();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }
}
