package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;

/**
 * A probe of the directory on a connection of its own, outside the pool (whose connections may all be
 * waiting on a hung server): connect (StartTLS if configured), bind as the service account, read the root
 * DSE, each step within the probe timeout. The connection is kept between probes; one that was lost (the
 * server restarted, or died and the next fail-over server is up) is replaced and the probe tried once more.
 *
 * <p>Not thread-safe: the {@link DirectoryProbe}'s thread uses it alone.
 */
final class ProbeConnection implements DirectoryProbe.Target {
    private static final Filter ANY = Filter.createPresenceFilter("objectClass");

    private final ServerSet servers;
    private final PostConnectProcessor postConnect;
    private final SimpleBindRequest bind;
    private LDAPConnection connection;

    private ProbeConnection(ServerSet servers, PostConnectProcessor postConnect, SimpleBindRequest bind) {
        this.servers = servers;
        this.postConnect = postConnect;
        this.bind = bind;
    }

    /** @throws LDAPException when the settings cannot make a server set (bad URL, TLS set-up) */
    static ProbeConnection of(LdapSettings settings) throws LDAPException {
        long timeout = settings.timeouts().probeTimeout().toMillis();
        return new ProbeConnection(ConnectionFactory.serverSet(settings, ConnectionFactory.options(timeout, timeout)),
                ConnectionFactory.postConnect(settings), ConnectionFactory.serviceBind(settings));
    }

    @Override
    public void probe() throws LDAPException {
        try {
            answer();
        } catch (LDAPException e) {
            close();
            if (!Connections.lost(e.getResultCode())) {
                throw e; // no answer in time, or the service account refused: no second try
            }
            answer();
        }
    }

    /** Any answer to the root DSE read is one: the server is there and took the service account's bind. */
    private void answer() throws LDAPException {
        if (connection == null || !connection.isConnected()) {
            connection = open();
        }
        try {
            connection.search(new SearchRequest("", SearchScope.BASE, ANY, "1.1"));
        } catch (LDAPSearchException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw e;
            }
        }
    }

    private LDAPConnection open() throws LDAPException {
        LDAPConnection opened = servers.getConnection();
        try {
            if (postConnect != null) {
                postConnect.processPreAuthenticatedConnection(opened);
            }
            if (bind != null) {
                opened.bind(bind.duplicate());
            }
            return opened;
        } catch (LDAPException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
