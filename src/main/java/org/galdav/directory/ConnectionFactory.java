package org.galdav.directory;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** Builds the pool, the server set (fail-over over the configured URLs) and TLS from {@link LdapSettings}. */
final class ConnectionFactory {
    private ConnectionFactory() {
    }

    /**
     * The pool, bound as the service account. Its connections wait {@code ldap.request-timeout} by default:
     * binds of new connections and whatever is sent without an {@link OperationBudget} of its own.
     */
    static LDAPConnectionPool pool(LdapSettings settings) throws LDAPException {
        long requestTimeout = settings.timeouts().requestTimeout().toMillis();
        LDAPConnectionOptions options = options(settings.connectTimeout().toMillis(), requestTimeout);
        options.setUseKeepAlive(true);
        LDAPConnectionPool pool = new LDAPConnectionPool(serverSet(settings, options), serviceBind(settings), 1,
                settings.poolSize(), 1, postConnect(settings), false);
        pool.setConnectionPoolName("galdav");
        pool.setMaxConnectionAgeMillis(settings.maxConnectionAge().toMillis());
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        // Checks a connection by reading the root DSE before handing it out after a failure.
        pool.setHealthCheck(new GetEntryLDAPConnectionPoolHealthCheck("", requestTimeout, false, false, false, true,
                true));
        pool.setHealthCheckIntervalMillis(30_000L);
        return pool;
    }

    /** Host names verified; results read by the calling thread, so a failing handler fails the caller. */
    static LDAPConnectionOptions options(long connectTimeoutMillis, long responseTimeoutMillis) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis));
        options.setResponseTimeoutMillis(responseTimeoutMillis);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setUseSynchronousMode(true);
        return options;
    }

    /** The service account's bind, or null for anonymous searches. */
    static SimpleBindRequest serviceBind(LdapSettings settings) {
        return settings.bindDn().isEmpty() ? null : new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
    }

    static ServerSet serverSet(LdapSettings settings, LDAPConnectionOptions options) throws LDAPException {
        List<ServerSet> sets = new ArrayList<>();
        for (String url : settings.urls()) {
            sets.add(server(settings, url, options));
        }
        return sets.size() == 1 ? sets.get(0) : new FailoverServerSet(sets);
    }

    /** The one server at {@code url}, with TLS from the first byte for ldaps://. */
    static ServerSet server(LdapSettings settings, String url, LDAPConnectionOptions options) throws LDAPException {
        LDAPURL ldapUrl = new LDAPURL(url);
        boolean ldaps = ldapUrl.getScheme().equalsIgnoreCase("ldaps");
        if (ldaps && settings.startTls()) {
            throw new LDAPException(ResultCode.PARAM_ERROR,
                    "ldap.start-tls cannot be combined with an ldaps:// URL: " + url);
        }
        SocketFactory sockets = ldaps ? sslContext(settings).getSocketFactory() : SocketFactory.getDefault();
        return new SingleServerSet(ldapUrl.getHost(), ldapUrl.getPort(), sockets, options);
    }

    static PostConnectProcessor postConnect(LdapSettings settings) throws LDAPException {
        return settings.startTls() ? new StartTls(sslContext(settings)) : null;
    }

    private static SSLContext sslContext(LdapSettings settings) throws LDAPException {
        TrustManager trust = settings.trustStore().isPresent()
                ? TrustFiles.trustManager(settings.trustStore().get(), settings.trustStorePassword())
                : JVMDefaultTrustManager.getInstance();
        try {
            return new SSLUtil(trust).createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR,
                    "cannot set up TLS for LDAP: " + e.getMessage(), e);
        }
    }
}
