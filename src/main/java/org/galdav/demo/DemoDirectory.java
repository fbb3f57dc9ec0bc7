package org.galdav.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The running embedded directory: the {@link DemoCompany} served over real LDAP by UnboundID's in-memory server
 * on a loopback ephemeral port, so galdav can start with zero configuration.
 *
 * <p>Schema checking is on (standard schema). The generated {@code entryUUID}, {@code createTimestamp} and
 * {@code modifyTimestamp} are kept as given, while LDAP modifications made later still update
 * {@code modifyTimestamp}. Passwords are stored and compared in clear text. Anonymous searches are allowed.
 */
public final class DemoDirectory implements AutoCloseable {

    /** {@code java.util.logging} logger that receives the server's access log at level FINE. */
    public static final String ACCESS_LOG = "org.galdav.demo.access";

    private static final String LISTENER = "demo";
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private static final int CHANGE_LOG_ENTRIES = 1_000;
    private final InMemoryDirectoryServer server;
    private final int port;

    private DemoDirectory(InMemoryDirectoryServer server) {
        this.server = server;
        this.port = server.getListenPort(LISTENER);
    }

    /** Generates the company, loads it and starts listening on 127.0.0.1 at an ephemeral port. */
    public static DemoDirectory start(DemoOptions options) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(DemoCompany.BASE_DN);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(LISTENER, loopback(), 0, null));
        config.setSchema(Schema.getDefaultStandardSchema());
        config.setEnforceAttributeSyntaxCompliance(true);
        config.setEnforceSingleStructuralObjectClass(true);
        // Fills in entryDN, creatorsName etc. and keeps modifyTimestamp current on modify;
        // values supplied at add time (entryUUID, timestamps) are kept.
        config.setGenerateOperationalAttributes(true);
        if (options.maxSizeLimit() > 0) {
            config.setMaxSizeLimit(options.maxSizeLimit());
        }
        config.setAccessLogHandler(new AccessLog());
        // A change log (cn=changelog) lets galdav follow changes instead of re-listing; the initial load
        // fills part of it, older records are dropped.
        config.setMaxChangeLogEntries(CHANGE_LOG_ENTRIES);
        // Card lookups (GET, multiget) search by entryUUID, indexed as in any production directory.
        config.setEqualityIndexAttributes("entryUUID");

        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        try {
            for (Entry entry : DemoCompany.entries(options)) {
                AddRequest add = new AddRequest(entry);
                // entryUUID and the timestamps are NO-USER-MODIFICATION; this control has them loaded as given.
                add.addControl(new IgnoreNoUserModificationRequestControl());
                server.add(add);
            }
            server.startListening(LISTENER);
        } catch (LDAPException | RuntimeException e) {
            server.shutDown(true);
            throw e;
        }
        return new DemoDirectory(server);
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String baseDn() {
        return DemoCompany.BASE_DN;
    }

    /** The server itself, for tests: change entries, inspect them, or read its configuration. */
    public InMemoryDirectoryServer server() {
        return server;
    }

    /** Stops listening and closes all connections. */
    @Override
    public void close() {
        server.shutDown(true);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(LOOPBACK);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
