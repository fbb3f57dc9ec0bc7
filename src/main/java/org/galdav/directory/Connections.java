package org.galdav.directory;

import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.util.Optional;
import org.galdav.core.CredentialsRejectedException;
import org.galdav.core.SourceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the health-checked connection pool, bound as the service account, and lends its connections
 * to one piece of work at a time, bound as this view's identity (a {@link #boundAs} view binds as the
 * user before the work and re-binds as the service account after it).
 *
 * <p>Thread-safe: the pool is, and each piece of work has a connection of its own.
 *
 * <p>Failures: an outage (the connection is no longer usable: down, timed out, refused) throws
 * {@link SourceUnavailableException}; a user's view whose password the directory refuses throws
 * {@link CredentialsRejectedException}; any other LDAP answer is the work's own {@link LDAPException},
 * left to the caller to interpret (not found, no access, a limit).
 */
final class Connections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final LDAPConnectionPool pool;
    /** Present for a view that works as a user: each checkout binds as them, each release re-binds. */
    private final Optional<SimpleBindRequest> userBind;

    private Connections(LDAPConnectionPool pool, Optional<SimpleBindRequest> userBind) {
        this.pool = pool;
        this.userBind = userBind;
    }

    /**
     * Creates the pool. A directory that is down at start is not fatal: the pool connects lazily and
     * work fails with {@link SourceUnavailableException} until it is back.
     *
     * @throws LDAPException when the settings cannot make a pool (bad URL, TLS set-up)
     */
    static Connections open(LdapSettings settings) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.operationTimeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setUseKeepAlive(true);
        // Results are read by the calling thread, so a failing handler fails the caller, not a reader thread.
        options.setUseSynchronousMode(true);
        SimpleBindRequest bind = settings.bindDn().isEmpty()
                ? null : new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
        LDAPConnectionPool pool = new LDAPConnectionPool(ConnectionFactory.serverSet(settings, options), bind,
                1, settings.poolSize(), 1, ConnectionFactory.postConnect(settings), false);
        pool.setConnectionPoolName("galdav");
        pool.setMaxConnectionAgeMillis(settings.maxConnectionAge().toMillis());
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        // Checks a connection by reading the root DSE before handing it out after a failure.
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", settings.operationTimeout().toMillis(),
                false, false, false, true, true));
        pool.setHealthCheckIntervalMillis(30_000L);
        return new Connections(pool, Optional.empty());
    }

    /** The same pool, lent bound as the user; closing the view leaves the pool open. */
    Connections boundAs(String userDn, String password) {
        return new Connections(pool, Optional.of(new SimpleBindRequest(userDn, password)));
    }

    /** Work on one lent connection, which it must not keep. */
    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(LDAPConnection connection) throws LDAPException;
    }

    /**
     * Runs work on a pooled connection and gives the connection back: usable after an answer, discarded
     * after an outage or an exception that may have left it mid-response.
     *
     * @param operation names the work in the {@link SourceUnavailableException} message
     * @throws SourceUnavailableException when the directory cannot be reached or the connection failed
     * @throws LDAPException              any other LDAP answer, for the caller to interpret
     */
    <T> T withConnection(String operation, ConnectionWork<T> work) throws LDAPException {
        LDAPConnection connection = checkOut();
        try {
            T result = work.run(connection);
            release(connection, true);
            return result;
        } catch (LDAPException e) {
            release(connection, e.getResultCode().isConnectionUsable());
            if (!e.getResultCode().isConnectionUsable()) {
                throw unavailable(operation, e);
            }
            throw e;
        } catch (Error | RuntimeException e) {
            // Never leave a pooled connection checked out (nor bound as a user).
            release(connection, false);
            throw e;
        }
    }

    /**
     * Binds as {@code bind}'s DN on a pooled connection and restores the service identity, whatever the
     * answer: the smallest door for checking a password ({@link LdapAuthenticator}).
     *
     * @throws LDAPException the directory's answer to the bind, for the caller to interpret
     */
    void bindAndRevert(SimpleBindRequest bind) throws LDAPException {
        pool.bindAndRevertAuthentication(bind);
    }

    /**
     * The root DSE as the server shows it now, or empty when the server answers but will not show it.
     *
     * @throws SourceUnavailableException when the directory cannot be reached
     */
    Optional<RootDSE> rootDse() {
        try {
            return Optional.ofNullable(pool.getRootDSE());
        } catch (LDAPException e) {
            if (e.getResultCode().isConnectionUsable()) {
                return Optional.empty();
            }
            throw unavailable("root DSE", e);
        }
    }

    /**
     * The directory's schema (RFC 4512 §4.2), or empty when the service account may not read it.
     *
     * @throws SourceUnavailableException when the directory cannot be reached
     */
    Optional<Schema> schema() {
        try {
            return Optional.ofNullable(pool.getSchema());
        } catch (LDAPException e) {
            if (e.getResultCode().isConnectionUsable()) {
                LOG.warn("cannot read the directory schema ({}); assuming case-insensitive attributes",
                        e.getResultCode());
                return Optional.empty();
            }
            throw unavailable("schema", e);
        }
    }

    /** Whether the directory answers now (for the health endpoint); never throws. */
    boolean isReachable() {
        try {
            return pool.getRootDSE() != null;
        } catch (LDAPException e) {
            return false;
        }
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

    /** Closes the pool; a user's view leaves it to its owner. */
    @Override
    public void close() {
        if (userBind.isEmpty()) {
            pool.close();
        }
    }

    /** A pooled connection, bound as the user in a user's view; give it back with {@link #release}. */
    private LDAPConnection checkOut() {
        LDAPConnection connection;
        try {
            connection = pool.getConnection();
        } catch (LDAPException e) {
            throw unavailable("connect", e);
        }
        if (userBind.isPresent()) {
            try {
                // A copy per use: bind requests carry per-operation state and are not thread-safe.
                connection.bind(userBind.get().duplicate());
            } catch (LDAPException e) {
                release(connection, e.getResultCode().isConnectionUsable());
                if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                    throw new CredentialsRejectedException("the directory refused the user's password", e);
                }
                throw unavailable("bind as the user", e);
            }
        }
        return connection;
    }

    /** Back to the pool; a connection a user had bound is re-bound as the service account first. */
    private void release(LDAPConnection connection, boolean usable) {
        if (!usable) {
            pool.releaseDefunctConnection(connection);
        } else if (userBind.isPresent()) {
            pool.releaseAndReAuthenticateConnection(connection);
        } else {
            pool.releaseConnection(connection);
        }
    }
}
