package org.galdav.server;

import com.unboundid.ldap.sdk.LDAPException;
import java.util.Optional;
import org.galdav.config.DirectorySettings;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.directory.Directory;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.SearchObserver;

/**
 * The directory galdav works with, connected: the operator's, or the embedded demo directory started for
 * it. The server and {@code galdav check}/{@code preview} both open it here, so they cannot disagree on
 * which directory a configuration means. The demo directory is reached over LDAP on loopback exactly like
 * a real one. Closing closes the pool, then the demo directory.
 */
final class DirectoryConnection implements AutoCloseable {
    private final Directory directory;
    private final LdapSettings settings;
    private final String baseDn;
    private final Optional<DemoDirectory> demo;

    private DirectoryConnection(Directory directory, LdapSettings settings, String baseDn, Optional<DemoDirectory> demo) {
        this.directory = directory;
        this.settings = settings;
        this.baseDn = baseDn;
        this.demo = demo;
    }

    /** @param observer sees every LDAP search */
    static DirectoryConnection open(DirectorySettings settings, SearchObserver observer, TimeSource time)
            throws LDAPException {
        if (settings instanceof DirectorySettings.Ldap ldap) {
            return new DirectoryConnection(Directory.connect(ldap.connection(), observer, time), ldap.connection(),
                    ldap.baseDn(), Optional.empty());
        }
        DirectorySettings.Demo demo = (DirectorySettings.Demo) settings;
        DemoDirectory started = DemoDirectory.start(new DemoOptions(demo.demo().people(), demo.demo().seed(), 0));
        try {
            LdapSettings connection = demo.connection(started.url(), DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD);
            return new DirectoryConnection(Directory.connect(connection, observer, time), connection, started.baseDn(),
                    Optional.of(started));
        } catch (LDAPException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    Directory directory() {
        return directory;
    }

    /** The subtree holding people and groups; what books and logins default to. */
    String baseDn() {
        return baseDn;
    }

    /** The account searches run as; empty for anonymous searches. */
    String bindDn() {
        return settings.bindDn();
    }

    /** How the directory is reached: its URLs, TLS and timeouts (the demo's too). */
    LdapSettings settings() {
        return settings;
    }

    /** The embedded demo directory, when there is no ldap.url. */
    Optional<DemoDirectory> demo() {
        return demo;
    }

    @Override
    public void close() {
        directory.close();
        demo.ifPresent(DemoDirectory::close);
    }
}
