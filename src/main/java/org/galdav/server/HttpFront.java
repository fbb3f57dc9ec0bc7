package org.galdav.server;

import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.http.AccessLog;
import org.galdav.http.ClientAddress;
import org.galdav.http.ConnectionLimits;
import org.galdav.http.HttpSettings;
import org.xnio.OptionMap;

/**
 * The listening side: one Undertow listener (HTTPS when a key store is configured, plain HTTP otherwise)
 * routing {@code /metrics} and {@code /health} apart from the DAV handler, every request logged. Connections
 * are a budget ({@link ConnectionLimits}): capped in all and per client, and timed out while a client owes
 * headers, a body or its next request.
 */
final class HttpFront implements AutoCloseable {
    private final Listener listener;
    private final String url;

    private HttpFront(Listener listener, String url) {
        this.listener = listener;
        this.url = url;
    }

    static HttpFront start(HttpSettings settings, ConnectionLimits limits, HttpHandler dav, Directory directory,
                           ServerMetrics metrics, TimeSource time) {
        HttpHandler routes = Handlers.path(dav)
                .addExactPath("/metrics", metrics.scrape())
                .addExactPath("/health", health(directory));
        HttpHandler root = new BodyTimeout(new ClientAddress(new AccessLog(routes, metrics.requests(), time),
                limits.trustedProxies()), limits.bodyTimeout(), time, metrics::bodyTimedOut);
        OptionMap serverOptions = OptionMap.builder()
                // Undertow's own limit (2 MiB by default) must not undercut http.max-request-bytes.
                .set(UndertowOptions.MAX_ENTITY_SIZE, settings.maxRequestBytes() + 1)
                // From a request's first byte to the end of its headers; then the connection is closed.
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.headerTimeout().toMillis())
                // A connection without a request in progress (new, or kept alive) is closed after this.
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .getMap();
        Optional<SSLContext> tls = settings.keyStore().map(store -> ServerTls.context(store, settings.keyStorePassword()));
        ConnectionBudget budget = new ConnectionBudget(limits.maxConnections(), limits.maxConnectionsPerAddress(),
                limits.trustedProxies());
        metrics.watch(budget);
        Listener listener = Listener.start(settings.host(), settings.port(), root, serverOptions,
                tls.map(ServerTls::restrictions).orElse(OptionMap.EMPTY), tls, budget, metrics::connectionRefused);
        InetSocketAddress address = listener.address();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : settings.host();
        String scheme = tls.isPresent() ? "https" : "http";
        return new HttpFront(listener, scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort() + "/");
    }

    /**
     * {@code GET /health}: 200 when the directory answers a probe, 503 otherwise, within the probe timeout
     * ({@code ldap.probe-timeout}) whatever the directory does; off the IO thread (it waits).
     */
    private static HttpHandler health(Directory directory) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(health(directory));
                return;
            }
            boolean up = directory.answersProbe();
            exchange.setStatusCode(up ? 200 : 503);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send(up ? "ok\n" : "directory unreachable\n");
        };
    }

    /** The base URL clients connect to, e.g. http://127.0.0.1:8080/. */
    String url() {
        return url;
    }

    @Override
    public void close() {
        listener.close();
    }
}
