package org.galdav.http;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP side settings.
 *
 * @param host             address to listen on
 * @param port             port; 0 picks a free one
 * @param maxRequestBytes  larger request bodies get 413
 * @param anonymousRead    serve requests without credentials as the anonymous principal
 * @param realm            Basic realm shown by clients
 * @param serverName       DAV:displayname of the service root
 * @param maxQueryResults  server cap on addressbook-query results; more matches are reported with 507
 * @param tls              the {@code http.tls} section: HTTPS only when it names keys
 * @param publicUrl        the URL people and clients reach galdav at (behind a reverse proxy), ending in "/";
 *                         empty: taken from each request
 */
public record HttpSettings(String host, int port, long maxRequestBytes, boolean anonymousRead, String realm,
                           String serverName, int maxQueryResults, TlsSettings tls, Optional<URI> publicUrl) {
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(publicUrl, "publicUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (maxRequestBytes < 1024 || maxQueryResults < 1) {
            throw new IllegalArgumentException("request size and query cap must be positive");
        }
    }

    /** Never prints the key store password. */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", tls=" + tls.enabled() + "]";
    }
}
