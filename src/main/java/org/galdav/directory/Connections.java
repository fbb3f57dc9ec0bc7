package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.galdav.core.CredentialsRejectedException;
import org.galdav.core.DeadlineExceededException;
import org.galdav.core.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the health-checked connection pool, bound as the service account, and lends its connections
 * to one piece of work at a time, bound as this view's identity (a {@link #boundAs} view binds as the
 * user before the work and re-binds as the service account after it). Every operation first passes the
 * {@link CircuitBreaker} and gets its {@link OperationBudget}; work whose connection was lost before it
 * handed anything over is tried once more on a new connection, which the fail-over server set opens on
 * the next server that answers.
 *
 * <p>Thread-safe: the pool is, and each piece of work has a connection of its own.
 *
 * <p>Failures ({@link OperationGuard}): an outage throws {@link SourceUnavailableException}, the request's
 * time running out {@link DeadlineExceededException}, a user's password refused in a user's view
 * {@link CredentialsRejectedException}; any other LDAP answer is the work's own {@link LDAPException}.
 */
final class Connections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    /** Failures after which a new connection may well work (UnboundID retries on the same ones). */
    private static final Set<ResultCode> LOST = Set.of(ResultCode.SERVER_DOWN, ResultCode.CONNECT_ERROR,
            ResultCode.DECODING_ERROR);

    private final LDAPConnectionPool pool;
    /** Present for a view that works as a user: each checkout binds as them, each release re-binds. */
    private final Optional<SimpleBindRequest> userBind;
    private final OperationGuard guard;
    private final DefunctConnections defunct;

    private Connections(LDAPConnectionPool pool, Optional<SimpleBindRequest> userBind, OperationGuard guard,
                        DefunctConnections defunct) {
        this.pool = pool;
        this.userBind = userBind;
        this.guard = guard;
        this.defunct = defunct;
    }

    /**
     * Creates the pool. A directory that is down at start is not fatal: the pool connects lazily and
     * work fails with {@link SourceUnavailableException} until it is back.
     *
     * @param breaker shared by every view of this pool and by the probe
     * @throws LDAPException when the settings cannot make a pool (bad URL, TLS set-up)
     */
    static Connections open(LdapSettings settings, CircuitBreaker breaker) throws LDAPException {
        LDAPConnectionPool pool = ConnectionFactory.pool(settings);
        return new Connections(pool, Optional.empty(), new OperationGuard(breaker, settings.timeouts().requestTimeout(),
                settings.operationTimeout()), new DefunctConnections(pool));
    }

    /** The same pool, lent bound as the user; closing the view leaves the pool open. */
    Connections boundAs(String userDn, String password) {
        return new Connections(pool, Optional.of(new SimpleBindRequest(userDn, password)), guard, defunct);
    }

    /** Work on one lent connection, which it must not keep. */
    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(LDAPConnection connection) throws LDAPException;
    }

    /**
     * The budget for an operation sent now by this thread: short during a request, long in the background.
     *
     * @throws DeadlineExceededException when the request's time is up
     */
    OperationBudget budget() {
        return guard.budget();
    }

    /** Like {@link #withConnection(String, BooleanSupplier, ConnectionWork)}, never tried twice. */
    <T> T withConnection(String operation, ConnectionWork<T> work) throws LDAPException {
        return withConnection(operation, () -> false, work);
    }

    /**
     * Runs work on a pooled connection and gives the connection back: usable after an answer, discarded
     * (closed at once, replaced in the background) after an outage or an exception that may have left it
     * mid-response. When the connection is lost and {@code mayRetry} says the work can start over without
     * handing anything over twice, it runs once more on a new connection.
     *
     * @param operation names the work in messages
     * @throws SourceUnavailableException when the directory cannot be reached, does not answer in time, or the
     *                                    breaker is open
     * @throws DeadlineExceededException  when the request's time ran out
     * @throws LDAPException              any other LDAP answer, for the caller to interpret
     */
    <T> T withConnection(String operation, BooleanSupplier mayRetry, ConnectionWork<T> work) throws LDAPException {
        OperationBudget budget = guard.admit(operation);
        LDAPConnection connection = checkOut(operation);
        boolean retried = false;
        while (true) {
            try {
                T result = work.run(connection);
                release(connection, true);
                guard.answered();
                return result;
            } catch (LDAPException e) {
                if (e.getResultCode().isConnectionUsable()) {
                    release(connection, true);
                    guard.answered(); // an answer: the directory is there
                    throw e;
                }
                if (!retried && lost(e.getResultCode()) && mayRetry.getAsBoolean() && !budget.deadline().expired()) {
                    retried = true;
                    LOG.info("LDAP {} lost its connection to {} ({}); trying once more on a new connection", operation,
                            connection.getHostPort(), e.getResultCode());
                    connection = replace(connection, operation);
                    continue;
                }
                release(connection, false);
                throw guard.failure(operation, e, budget);
            } catch (Error | RuntimeException e) {
                // Never leave a pooled connection checked out (nor bound as a user).
                release(connection, false);
                throw e;
            }
        }
    }

    /**
     * Binds as {@code bind}'s DN on a pooled connection and restores the service identity, whatever the
     * answer: the smallest door for checking a password ({@link LdapAuthenticator}).
     *
     * @throws SourceUnavailableException when the directory does not answer
     * @throws LDAPException              the directory's answer to the bind, for the caller to interpret
     */
    void bindAndRevert(SimpleBindRequest bind) throws LDAPException {
        OperationBudget budget = guard.admit("bind");
        try {
            pool.bindAndRevertAuthentication(budget.apply(bind));
            guard.answered();
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw guard.failure("bind", e, budget);
            }
            guard.answered();
            throw e;
        }
    }

    /**
     * The root DSE as the server shows it now, or empty when the server answers but will not show it.
     *
     * @throws SourceUnavailableException when the directory cannot be reached
     */
    Optional<RootDSE> rootDse() {
        OperationBudget budget = guard.admit("root DSE");
        try {
            return Optional.ofNullable(pool.getRootDSE());
        } catch (LDAPException e) {
            if (e.getResultCode().isConnectionUsable()) {
                return Optional.empty();
            }
            throw guard.failure("root DSE", e, budget);
        }
    }

    /**
     * The directory's schema (RFC 4512 §4.2), or empty when the service account may not read it.
     *
     * @throws SourceUnavailableException when the directory cannot be reached
     */
    Optional<Schema> schema() {
        OperationBudget budget = guard.admit("schema");
        try {
            return Optional.ofNullable(pool.getSchema());
        } catch (LDAPException e) {
            if (e.getResultCode().isConnectionUsable()) {
                LOG.warn("cannot read the directory schema ({}); assuming case-insensitive attributes",
                        e.getResultCode());
                return Optional.empty();
            }
            throw guard.failure("schema", e, budget);
        }
    }

    /** Whether the directory answers now, through the pool (for {@code galdav check}); never throws. */
    boolean isReachable() {
        return problem().isEmpty();
    }

    /**
     * What keeps the directory from being used now, in plain words with the fix ({@link LdapProblem}); empty
     * when a connection bound as the service account reads the root DSE. For {@code galdav check}.
     */
    Optional<String> problem() {
        try {
            pool.getRootDSE();
            return Optional.empty();
        } catch (LDAPException e) {
            return Optional.of(LdapProblem.explain(e));
        }
    }

    /** The exception that means "directory down" for an LDAP failure of {@code operation}, in plain words. */
    static SourceUnavailableException unavailable(String operation, LDAPException e) {
        return new SourceUnavailableException("LDAP " + operation + " failed: " + LdapProblem.explain(e), e);
    }

    /** Whether a failure lost the connection in a way a new connection may not share (not a timeout). */
    static boolean lost(ResultCode code) {
        return LOST.contains(code);
    }

    /** Closes the pool; a user's view leaves it to its owner. */
    @Override
    public void close() {
        if (userBind.isEmpty()) {
            defunct.close();
            pool.close();
        }
    }

    /** A pooled connection, bound as the user in a user's view; give it back with {@link #release}. */
    private LDAPConnection checkOut(String operation) {
        return asUser(connect(operation, pool::getConnection), operation);
    }

    /** A new connection in place of a lost one (maybe on the next fail-over server), bound as the view's identity. */
    private LDAPConnection replace(LDAPConnection lost, String operation) {
        return asUser(connect(operation, () -> pool.replaceDefunctConnection(lost)), operation);
    }

    /** Opens a pooled connection: {@link LDAPConnectionPool#getConnection()} or a replacement. */
    @FunctionalInterface
    private interface Opener {
        LDAPConnection open() throws LDAPException;
    }

    /**
     * A connection from the pool. A new one that a dying server dropped while it was being set up is tried
     * once more: the fail-over server set then finds that server refusing and goes on to the next.
     */
    private LDAPConnection connect(String operation, Opener opener) {
        try {
            return opener.open();
        } catch (LDAPException e) {
            LDAPException failure = e;
            if (lost(e.getResultCode())) {
                try {
                    return pool.getConnection();
                } catch (LDAPException again) {
                    failure = again;
                }
            }
            throw guard.failure("connect for " + operation, failure, guard.budget());
        }
    }

    private LDAPConnection asUser(LDAPConnection connection, String operation) {
        if (userBind.isPresent()) {
            try {
                // A copy per use: bind requests carry per-operation state and are not thread-safe.
                connection.bind(guard.budget().apply(userBind.get().duplicate()));
            } catch (LDAPException e) {
                release(connection, e.getResultCode().isConnectionUsable());
                if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    throw new CredentialsRejectedException("the directory refused the user's password", e);
                }
                if (!e.getResultCode().isConnectionUsable()) {
                    throw guard.failure("bind as the user for " + operation, e, guard.budget());
                }
                throw unavailable("bind as the user", e);
            } catch (RuntimeException e) {
                release(connection, false);
                throw e;
            }
        }
        return connection;
    }

    /** Back to the pool; a connection a user had bound is re-bound as the service account first. */
    private void release(LDAPConnection connection, boolean usable) {
        if (!usable) {
            defunct.discard(connection);
        } else if (userBind.isPresent()) {
            pool.releaseAndReAuthenticateConnection(connection);
        } else {
            pool.releaseConnection(connection);
        }
    }
}
