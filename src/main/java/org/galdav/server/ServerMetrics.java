package org.galdav.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.directory.SearchObserver;
import org.galdav.http.RequestObserver;

/**
 * Every metric galdav publishes, named in this one place, and the Prometheus registry behind
 * {@code GET /metrics} (docs/configuration.md lists them for operators). Thread-safe.
 */
final class ServerMetrics implements AutoCloseable {
    /** Timer of HTTP requests, tagged by method and status. */
    static final String HTTP_REQUESTS = "galdav.http.requests";
    /** Timer of LDAP searches and reads. */
    static final String LDAP_SEARCHES = "galdav.ldap.searches";
    /** Counter of LDAP entries received. */
    static final String LDAP_ENTRIES = "galdav.ldap.entries";
    /** Counter of full listings of a book by its change tracker, tagged by book. */
    static final String SYNC_LISTINGS = "galdav.sync.listings";
    /** Counter of change feed polls, tagged by book. */
    static final String SYNC_POLLS = "galdav.sync.polls";
    /** Counter of cards a change tracker found added, changed or removed, tagged by book. */
    static final String SYNC_CARDS_CHANGED = "galdav.sync.cards.changed";
    /** Counter of polls and listings that failed, tagged by book. */
    static final String SYNC_FAILURES = "galdav.sync.failures";
    /** Gauge of the Unix time of a book's last successful poll or listing, tagged by book; absent before the first. */
    static final String SYNC_LAST_SUCCESS = "galdav.sync.last.success";
    /** Gauge of the seconds from the first to the latest failed poll or listing since the last success, by book. */
    static final String SYNC_FAILING = "galdav.sync.failing";
    /** Gauge: 1 while a change feed follows the book, 0 while listings are compared instead; tagged by book. */
    static final String SYNC_TRACKING_ACTIVE = "galdav.sync.tracking.active";
    /** Gauge of {@code sync.poll-interval} in seconds, for the stall alert's threshold. */
    static final String SYNC_POLL_INTERVAL = "galdav.sync.poll.interval";
    /** Gauge: 1 while the directory is taken for up (the probe state behind /health), 0 while requests are refused. */
    static final String DIRECTORY_UP = "galdav.directory.up";
    /** Counter of connections closed as soon as they were accepted, tagged by reason (per-address, total). */
    static final String CONNECTIONS_REFUSED = "galdav.http.connections.refused";
    /** Gauge of open HTTP connections. */
    static final String CONNECTIONS_OPEN = "galdav.http.connections.open";
    /** Counter of connections closed because a request body did not arrive within its timeout. */
    static final String BODY_TIMEOUTS = "galdav.http.body.timeouts";
    /** Counter of requests refused because their client already had its share of requests in progress. */
    static final String BUSY_REFUSED = "galdav.http.busy.refused";
    /**
     * Gauge of the Unix time, in seconds, when the served HTTPS certificate's validity ends; base unit "seconds",
     * so Prometheus shows {@code galdav_tls_certificate_expiry_seconds}.
     */
    static final String TLS_CERTIFICATE_EXPIRY = "galdav.tls.certificate.expiry";

    /** Methods tagged by name; anything else is "OTHER", so invented methods cannot create unbounded meters. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT", "PUT",
            "DELETE", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "POST");

    /**
     * Fixed histogram buckets of the request timer (Prometheus {@code _bucket}, so that dashboards can show p50 and
     * p95 with histogram_quantile): from a cached GET (milliseconds) to the request deadline (30 s). A dozen
     * buckets per method and status, rather than Micrometer's ~70 of a percentile histogram.
     */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
            30_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TimeSource time;
    /** Per tracked book; also keeps the gauges' state objects reachable (Micrometer holds them weakly). */
    private final Map<String, SyncProgress> books = new ConcurrentHashMap<>();

    /** Pause and allocation meters, from the JVM's GC notifications; closed with the server. */
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * With the JVM's own meters: heap and buffers (memory is a budget here: cache.max-card-bytes follows the
     * heap), GC pauses and allocation, threads, CPU and uptime.
     *
     * @param time the clock of the change-tracking gauges
     */
    ServerMetrics(TimeSource time) {
        this.time = time;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Stops listening to the JVM's GC notifications. */
    @Override
    public void close() {
        gc.close();
    }

    /** Records every search, then tells {@code also} (tests watch searches through it). */
    SearchObserver searches(SearchObserver also) {
        return (filter, entries, pages, nanos) -> {
            registry.timer(LDAP_SEARCHES).record(nanos, TimeUnit.NANOSECONDS);
            registry.counter(LDAP_ENTRIES).increment(entries);
            also.searched(filter, entries, pages, nanos);
        };
    }

    RequestObserver requests() {
        return (method, status, nanos) -> Timer.builder(HTTP_REQUESTS)
                .tag("method", KNOWN_METHODS.contains(method) ? method : "OTHER")
                .tag("status", Integer.toString(status)).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A tracked book's meters, from zero on, so that rates and alerts see the book before its first poll. */
    void tracking(String book) {
        SyncProgress progress = progress(book);
        registry.counter(SYNC_LISTINGS, "book", book);
        registry.counter(SYNC_POLLS, "book", book);
        registry.counter(SYNC_CARDS_CHANGED, "book", book);
        registry.counter(SYNC_FAILURES, "book", book);
        Gauge.builder(SYNC_FAILING, progress, SyncProgress::failingSeconds).tag("book", book).baseUnit("seconds")
                .register(registry);
        Gauge.builder(SYNC_TRACKING_ACTIVE, progress, SyncProgress::trackingActive).tag("book", book)
                .register(registry);
    }

    void listed(String book) {
        registry.counter(SYNC_LISTINGS, "book", book).increment();
        succeeded(book);
    }

    void polled(String book) {
        registry.counter(SYNC_POLLS, "book", book).increment();
        succeeded(book);
    }

    void trackingFailed(String book) {
        registry.counter(SYNC_FAILURES, "book", book).increment();
        progress(book).failed();
    }

    void following(String book, boolean tracked) {
        progress(book).following(tracked);
    }

    /** Publishes {@code sync.poll-interval}: the stall alert's threshold is ten of them (conf/monitoring). */
    void pollInterval(Duration interval) {
        Gauge.builder(SYNC_POLL_INTERVAL, () -> interval.toMillis() / 1000.0).baseUnit("seconds").register(registry);
    }

    /** Publishes the directory's probe state, read without asking the directory (a scrape must not wait). */
    void watch(Directory directory) {
        Gauge.builder(DIRECTORY_UP, directory, up -> up.takenForUp() ? 1 : 0).strongReference(true)
                .register(registry);
    }

    void cardsChanged(String book, int count) {
        registry.counter(SYNC_CARDS_CHANGED, "book", book).increment(count);
    }

    void connectionRefused(ConnectionBudget.Refusal reason) {
        registry.counter(CONNECTIONS_REFUSED, "reason", reason.tag()).increment();
    }

    void bodyTimedOut() {
        registry.counter(BODY_TIMEOUTS).increment();
    }

    void busyRefused() {
        registry.counter(BUSY_REFUSED).increment();
    }

    /** Publishes the connections the budget counts as open, and the shed-connection counters from zero on. */
    void watch(ConnectionBudget budget) {
        Gauge.builder(CONNECTIONS_OPEN, budget, ConnectionBudget::open).register(registry);
        for (ConnectionBudget.Refusal reason : ConnectionBudget.Refusal.values()) {
            registry.counter(CONNECTIONS_REFUSED, "reason", reason.tag());
        }
        registry.counter(BODY_TIMEOUTS);
        registry.counter(BUSY_REFUSED);
    }

    /** The last-success gauge appears with the first success: before it, there is no time to publish. */
    private void succeeded(String book) {
        SyncProgress progress = progress(book);
        progress.succeeded();
        Gauge.builder(SYNC_LAST_SUCCESS, progress, SyncProgress::lastSuccessSeconds).tag("book", book)
                .baseUnit("seconds").register(registry);
    }

    private SyncProgress progress(String book) {
        return books.computeIfAbsent(book, name -> new SyncProgress(time));
    }

    /** Publishes when the served certificate expires, read from {@code served} at each scrape (follows reloads). */
    <T> void certificateExpiry(T served, ToDoubleFunction<T> epochSeconds) {
        Gauge.builder(TLS_CERTIFICATE_EXPIRY, served, epochSeconds).baseUnit("seconds")
                .description("Unix time when the served HTTPS certificate expires (its notAfter)").register(registry);
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    HttpHandler scrape() {
        return exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(registry.scrape());
        };
    }
}
