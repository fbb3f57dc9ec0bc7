package org.galdav.server;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.http.AccessLog;
import org.galdav.http.HttpSettings;

/**
 * The listening side: one Undertow listener (HTTPS when a key store is configured, plain HTTP otherwise)
 * routing {@code /metrics} and {@code /health} apart from the DAV handler, every request logged.
 */
final class HttpFront implements AutoCloseable {
    private final Undertow undertow;
    private final String url;

    private HttpFront(Undertow undertow, String url) {
        this.undertow = undertow;
        this.url = url;
    }

    static HttpFront start(HttpSettings settings, HttpHandler dav, Directory directory, ServerMetrics metrics,
                           TimeSource time) {
        HttpHandler routes = Handlers.path(dav)
                .addExactPath("/metrics", metrics.scrape())
                .addExactPath("/health", health(directory));
        Undertow.Builder builder = Undertow.builder()
                .setHandler(new AccessLog(routes, metrics.requests(), time))
                // Undertow's own limit (2 MiB by default) must not undercut http.max-request-bytes.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, settings.maxRequestBytes() + 1);
        if (settings.keyStore().isPresent()) {
            builder.addHttpsListener(settings.port(), settings.host(),
                    ServerTls.context(settings.keyStore().get(), settings.keyStorePassword()));
        } else {
            builder.addHttpListener(settings.port(), settings.host());
        }
        Undertow undertow = builder.build();
        undertow.start();
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : settings.host();
        String scheme = settings.keyStore().isPresent() ? "https" : "http";
        return new HttpFront(undertow, scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
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
        undertow.stop();
    }
}
