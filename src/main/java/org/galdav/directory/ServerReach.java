package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import java.util.Optional;

/**
 * Whether one server of {@code ldap.url} accepts a connection as galdav makes it (TLS from the first byte
 * for ldaps://, StartTLS when configured, the certificate checked against the trust store and the host
 * name) within {@code ldap.connect-timeout}, without binding: for {@code galdav check}, which asks each
 * server of a fail-over list on its own, since the pool would quietly pass over one that is down.
 */
public final class ServerReach {
    private ServerReach() {
    }

    /** What keeps galdav from connecting to {@code url}, in plain words with the fix; empty when nothing does. */
    public static Optional<String> problem(LdapSettings settings, String url) {
        long timeout = settings.connectTimeout().toMillis();
        try (LDAPConnection connection = ConnectionFactory.server(settings, url,
                ConnectionFactory.options(timeout, timeout)).getConnection()) {
            PostConnectProcessor tls = ConnectionFactory.postConnect(settings);
            if (tls != null) {
                tls.processPreAuthenticatedConnection(connection);
            }
            return Optional.empty();
        } catch (LDAPException e) {
            return Optional.of(LdapProblem.explain(e));
        }
    }
}
