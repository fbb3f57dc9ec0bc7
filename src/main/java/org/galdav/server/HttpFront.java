package org.galdav.server;

import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.http.AccessLog;
import org.galdav.http.BusyClients;
import org.galdav.http.ClientAddress;
import org.galdav.http.ConnectionLimits;
import org.galdav.http.DavHandler;
import org.galdav.http.HttpSettings;
import org.galdav.http.RequestLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;

/**
 * The listening side: one Undertow listener (HTTPS when {@code http.tls} names keys, with HSTS and an optional
 * redirect port, see {@link TlsFront}; plain HTTP otherwise)
 * routing {@code /metrics} and {@code /health} apart from the DAV handler, every request logged. Connections
 * are a budget ({@link ConnectionLimits}): capped in all and per client, and timed out while a client owes
 * headers, a body or its next request. It stops within a bounded time whatever is in flight ({@link #close}).
 */
final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    /** After the grace: how long abandoned work gets to notice before the worker threads are interrupted. */
    private static final Duration ABANDONED_WORK_END = Duration.ofSeconds(5);

    private final Listener listener;
    private final StopGate stopping;
    private final GracefulShutdownHandler graceful;
    private final ExecutorService healthChecks;
    private final DavHandler dav;
    private final Duration grace;
    private final String url;
    private final Optional<TlsFront> tls;
    private final Optional<InetSocketAddress> redirect;
    private volatile int abandoned;

    private HttpFront(Listener listener, StopGate stopping, GracefulShutdownHandler graceful,
                      ExecutorService healthChecks, DavHandler dav, Duration grace, String url, Optional<TlsFront> tls,
                      Optional<InetSocketAddress> redirect) {
        this.listener = listener;
        this.stopping = stopping;
        this.graceful = graceful;
        this.healthChecks = healthChecks;
        this.dav = dav;
        this.grace = grace;
        this.url = url;
        this.tls = tls;
        this.redirect = redirect;
    }

    /**
     * @param tls the HTTPS side ({@link TlsFront#start}); the front closes it with itself once started (the caller
     *            closes it when this fails)
     */
    static HttpFront start(HttpSettings settings, RequestLimits requests, ConnectionLimits limits, DavHandler dav,
                           Directory directory, Readiness readiness, ServerMetrics metrics, Optional<TlsFront> tls,
                           TimeSource time) {
        // /health has threads of its own: a client holding every worker must not make it look down.
        ExecutorService healthChecks = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), daemon("galdav-health"));
        HttpHandler routes = new BusyClients(Handlers.path(dav)
                .addExactPath("/metrics", metrics.scrape())
                .addExactPath("/health", health(directory, healthChecks))
                .addExactPath("/health/live", Health.LIVE)
                .addExactPath("/health/ready", Health.ready(readiness, healthChecks)),
                limits.maxBusyPerAddress(), limits.trustedProxies(), metrics::busyRefused);
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(routes);
        StopGate stopping = new StopGate(graceful);
        HttpHandler root = new BodyTimeout(new ClientAddress(new AccessLog(stopping, metrics.requests(), time),
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
        ConnectionBudget budget = new ConnectionBudget(limits.maxConnections(), limits.maxConnectionsPerAddress(),
                limits.trustedProxies());
        metrics.watch(budget);
        Listener listener = Listener.start(settings.host(), settings.port(),
                tls.map(t -> t.around(root)).orElse(root), serverOptions,
                tls.map(TlsFront::restrictions).orElse(OptionMap.EMPTY), tls.map(TlsFront::context), budget,
                metrics::connectionRefused);
        Optional<InetSocketAddress> redirect;
        try {
            redirect = tls.flatMap(t -> t.redirect(listener, settings, serverOptions, budget,
                    metrics::connectionRefused));
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        InetSocketAddress address = listener.address();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : settings.host();
        String scheme = tls.isPresent() ? "https" : "http";
        return new HttpFront(listener, stopping, graceful, healthChecks, dav, requests.shutdownGrace(), scheme
                + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/", tls,
                redirect);
    }

    /**
     * {@code GET /health}: 200 when the directory answers a probe, 503 otherwise, within the probe timeout
     * ({@code ldap.probe-timeout}) whatever the directory does; off the IO thread (it waits), on threads of its
     * own. When those are all busy and their queue is full, it answers 503 at once.
     */
    private static HttpHandler health(Directory directory, ExecutorService healthChecks) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                // A refused dispatch (threads and queue full) is answered 503 by Undertow itself.
                exchange.dispatch(healthChecks, health(directory, healthChecks));
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

    /** The HTTPS side, when there is one. */
    Optional<TlsFront> tls() {
        return tls;
    }

    /** Where the plain-HTTP redirect port listens, when there is one. */
    Optional<InetSocketAddress> redirectAddress() {
        return redirect;
    }

    /** After {@link #close}: how many requests were still in flight after the grace and had their work ended. */
    int abandoned() {
        return abandoned;
    }

    /**
     * Answers 503 to new requests at once, waits up to the grace for the requests in flight, then ends their
     * work (their deadlines expire and their threads are interrupted), closes every connection, idle ones
     * included, and stops; threads still busy after {@link #ABANDONED_WORK_END} are interrupted again.
     */
    @Override
    public void close() {
        // New connections are refused (a balancer then tries another instance); new requests on open ones get
        // 503 with Retry-After; requests in flight get the grace.
        listener.stopAccepting();
        stopping.stop();
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
            abandoned = dav.abandonInFlight();
        }
        listener.close(ABANDONED_WORK_END);
        healthChecks.shutdownNow();
        tls.ifPresent(TlsFront::close);
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
