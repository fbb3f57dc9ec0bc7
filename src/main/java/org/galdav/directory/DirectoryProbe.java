package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one background thread that asks the directory whether it answers: every probe interval while the
 * {@link CircuitBreaker} is open (the first probe that succeeds closes it), and on demand for
 * {@code /health}, which never waits longer than the probe timeout for the answer. A probe that fails, or
 * that a health check waited for in vain, opens the breaker, so a hung directory that {@code /health} found
 * is not sent requests either.
 *
 * <p>Thread-safe: {@link #healthy()} may be called by many requests at once; they share the next probe.
 * The target is used by the probe's thread only, and closed by it when the probe stops.
 */
final class DirectoryProbe implements AutoCloseable {

    /** One attempt to reach the directory, with short timeouts of its own. */
    interface Target extends AutoCloseable {
        /** @throws LDAPException when the directory did not answer (or refused the service account) */
        void probe() throws LDAPException;

        @Override
        void close();
    }

    private final Target target;
    private final CircuitBreaker breaker;
    private final long intervalMillis;
    private final Duration timeout;
    private final Thread thread;
    private final Object lock = new Object();
    /** The answer of the next probe, for the health checks waiting for it; under the lock. */
    private CompletableFuture<Boolean> asked;
    private boolean closed;

    /**
     * @param interval how often to probe while the breaker is open
     * @param timeout  how long {@link #healthy()} waits for its probe
     */
    DirectoryProbe(Target target, CircuitBreaker breaker, Duration interval, Duration timeout) {
        this.target = target;
        this.breaker = breaker;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.timeout = timeout;
        this.thread = new Thread(this::run, "galdav-directory-probe");
        thread.setDaemon(true);
        breaker.onOpen(this::wake);
    }

    void start() {
        thread.start();
    }

    /**
     * Whether the directory answers now: false at once while the breaker is open, otherwise the answer of
     * a probe, or false when it does not come within the probe timeout.
     */
    boolean healthy() {
        if (breaker.isOpen()) {
            return false;
        }
        CompletableFuture<Boolean> answer;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (asked == null) {
                asked = new CompletableFuture<>();
                lock.notifyAll();
            }
            answer = asked;
        }
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // No answer within the probe timeout is a failure now, not when the probe's own timeouts end it.
            breaker.failed("probe", new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether the directory is taken for up now, without asking it: false from the first failure of any
     * operation or probe until a probe succeeds. For the metrics, which must not wait for an answer.
     */
    boolean takenForUp() {
        return !breaker.isOpen();
    }

    /** One probe now, on the caller's thread: its outcome opens or closes the breaker. For tests and the thread. */
    boolean probeOnce() {
        try {
            target.probe();
            breaker.succeeded();
            return true;
        } catch (LDAPException | RuntimeException e) {
            breaker.failed("probe", e);
            return false;
        }
    }

    /** Stops the thread (a probe under way ends within its timeouts); health checks then answer false. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.interrupt();
    }

    private void run() {
        try {
            while (true) {
                CompletableFuture<Boolean> answer;
                synchronized (lock) {
                    while (!closed && asked == null && !breaker.isOpen()) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    answer = asked;
                    asked = null;
                }
                boolean up = probeOnce();
                if (answer != null) {
                    answer.complete(up);
                }
                if (!up) {
                    synchronized (lock) {
                        if (!closed) {
                            lock.wait(intervalMillis); // a health check or close wakes it early
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            synchronized (lock) {
                if (asked != null) {
                    asked.complete(false);
                }
            }
            target.close();
        }
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
