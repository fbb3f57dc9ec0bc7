package org.galdav.server;

import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.http.AccessLog;
import org.galdav.http.ClientAddress;
import org.galdav.http.ConnectionLimits;
import org.galdav.http.DavHandler;
import org.galdav.http.HttpSettings;
import org.galdav.http.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;

/**
 * The listening side: one Undertow listener (HTTPS when a key store is configured, plain HTTP otherwise)
 * routing {@code /metrics} and {@code /health} apart from the DAV handler, every request logged. Connections
 * are a budget ({@link ConnectionLimits}): capped in all and per client, and timed out while a client owes
 * headers, a body or its next request. It stops within a bounded time whatever is in flight ({@link #close}).
 */
final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /** After the grace: how long abandoned work gets to notice before the worker threads are interrupted. */
    private static final Duration ABANDONED_WORK_END = Duration.ofSeconds(5);

    private final Listener listener;
    private final GracefulShutdownHandler graceful;
    private final DavHandler dav;
    private final Duration grace;
    private final String url;

    private HttpFront(Listener listener, GracefulShutdownHandler graceful, DavHandler dav, Duration grace,
                      String url) {
        this.listener = listener;
        this.graceful = graceful;
        this.dav = dav;
        this.grace = grace;
        this.url = url;
    }

    static HttpFront start(HttpSettings settings, RequestLimits requests, ConnectionLimits limits, DavHandler dav,
                           Directory directory, ServerMetrics metrics, TimeSource time) {
        HttpHandler routes = Handlers.path(dav)
                .addExactPath("/metrics", metrics.scrape())
                .addExactPath("/health", health(directory));
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(routes);
        HttpHandler root = new BodyTimeout(new ClientAddress(new AccessLog(graceful, metrics.requests(), time),
                limits.trustedProxies()), limits.bodyTimeout(), time, metrics::bodyTimedOut);
        OptionMap serverOptions = OptionMap.builder()
                // Undertow's own limit (2 MiB by default) must not undercut http.max-request-bytes; above it, as
                // much again is read and dropped before the 413, so a client still sending can read the answer.
                .set(UndertowOptions.MAX_ENTITY_SIZE, 2 * Math.min(Long.MAX_VALUE / 2, settings.maxRequestBytes()))
                .set(UndertowOptions.MAX_HEADER_SIZE, requests.maxHeaderBytes())
                .set(UndertowOptions.MAX_HEADERS, requests.maxHeaders())
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
        return new HttpFront(listener, graceful, dav, requests.shutdownGrace(), scheme + "://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":"
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

    /**
     * Answers 503 to new requests at once, waits up to the grace for the requests in flight, then ends their
     * work (their deadlines expire and their threads are interrupted), closes every connection, idle ones
     * included, and stops; threads still busy after {@link #ABANDONED_WORK_END} are interrupted again.
     */
    @Override
    public void close() {
        graceful.shutdown();
        boolean drained;
        try {
            drained = graceful.awaitShutdown(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOG.warn("stopping: requests still in flight after {}s; ending their work", grace.toSeconds());
            dav.abandonInFlight();
        }
        listener.close(ABANDONED_WORK_END);
    }
}
