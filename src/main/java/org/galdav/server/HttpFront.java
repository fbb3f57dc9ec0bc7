package org.galdav.server;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.http.AccessLog;
import org.galdav.http.DavHandler;
import org.galdav.http.HttpSettings;
import org.galdav.http.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening side: one Undertow listener (HTTPS when a key store is configured, plain HTTP otherwise)
 * routing {@code /metrics} and {@code /health} apart from the DAV handler, every request logged. It stops
 * within a bounded time whatever is in flight ({@link #close}).
 */
final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /** After the grace: how long abandoned work gets to notice before the worker threads are interrupted. */
    private static final Duration ABANDONED_WORK_END = Duration.ofSeconds(5);

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final DavHandler dav;
    private final Duration grace;
    private final String url;

    private HttpFront(Undertow undertow, GracefulShutdownHandler graceful, DavHandler dav, Duration grace, String url) {
        this.undertow = undertow;
        this.graceful = graceful;
        this.dav = dav;
        this.grace = grace;
        this.url = url;
    }

    static HttpFront start(HttpSettings settings, RequestLimits limits, DavHandler dav, Directory directory,
                           ServerMetrics metrics, TimeSource time) {
        HttpHandler routes = Handlers.path(dav)
                .addExactPath("/metrics", metrics.scrape())
                .addExactPath("/health", health(directory));
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(routes);
        Undertow.Builder builder = Undertow.builder()
                .setHandler(new AccessLog(graceful, metrics.requests(), time))
                // Undertow's own limit (2 MiB by default) must not undercut http.max-request-bytes; above it, as
                // much again is read and dropped before the 413, so a client still sending can read the answer.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE,
                        2 * Math.min(Long.MAX_VALUE / 2, settings.maxRequestBytes()))
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int) ABANDONED_WORK_END.toMillis());
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
        return new HttpFront(undertow, graceful, dav, limits.shutdownGrace(), scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + address.getPort() + "/");
    }

    /** {@code GET /health}: 200 when the directory answers, 503 otherwise; off the IO thread (it blocks). */
    private static HttpHandler health(Directory directory) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(health(directory));
                return;
            }
            boolean up = directory.isReachable();
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
        // Undertow's suspend closes the listener's connections; without it idle keep-alive ones hold stop().
        undertow.getListenerInfo().forEach(Undertow.ListenerInfo::suspend);
        undertow.stop();
    }
}
