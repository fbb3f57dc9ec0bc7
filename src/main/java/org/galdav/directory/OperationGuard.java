package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Duration;
import org.galdav.core.DeadlineExceededException;
import org.galdav.core.SourceUnavailableException;

/**
 * What every LDAP operation passes before it is sent, and what its failure to answer means: the request's
 * deadline is checked, the {@link CircuitBreaker} lets it through or refuses it at once, and it gets its
 * {@link OperationBudget}. Afterwards an answer (any, errors included) closes the breaker; no answer in time
 * or a lost connection opens it, unless it was the request's own time that ran out.
 *
 * <p>Thread-safe: immutable over the thread-safe breaker.
 */
final class OperationGuard {
    private final CircuitBreaker breaker;
    private final Duration requestTimeout;
    private final Duration operationTimeout;

    /**
     * @param requestTimeout   longest wait for one answer during a request
     * @param operationTimeout longest wait for one answer in the background
     */
    OperationGuard(CircuitBreaker breaker, Duration requestTimeout, Duration operationTimeout) {
        this.breaker = breaker;
        this.requestTimeout = requestTimeout;
        this.operationTimeout = operationTimeout;
    }

    /**
     * The budget for an operation sent now by this thread: short during a request, long in the background.
     *
     * @throws DeadlineExceededException when the request's time is up
     */
    OperationBudget budget() {
        return OperationBudget.now(requestTimeout, operationTimeout);
    }

    /**
     * The operation's budget, once the breaker let it through; the deadline is checked first.
     *
     * @throws DeadlineExceededException  when the request's time is up
     * @throws SourceUnavailableException at once while the breaker is open
     */
    OperationBudget admit(String operation) {
        OperationBudget budget = budget();
        breaker.admit(operation);
        return budget;
    }

    /** The directory answered (with anything). */
    void answered() {
        breaker.succeeded();
    }

    /**
     * What a failure to answer means: the request's own time ran out ({@link DeadlineExceededException}: the
     * directory is not blamed), or the directory is down or hung ({@link SourceUnavailableException}, and the
     * breaker opens).
     */
    RuntimeException failure(String operation, LDAPException e, OperationBudget budget) {
        if (e.getResultCode() == ResultCode.TIMEOUT && budget.requestOutOfTime()) {
            return new DeadlineExceededException("LDAP " + operation + " stopped: the request's time is up");
        }
        breaker.failed(operation, e);
        return Connections.unavailable(operation, e);
    }
}
