package org.galdav.server;

import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Liveness and readiness, apart, as load balancers and service managers ask for them (next to
 * {@code /health}, which says whether the directory answers):
 * <ul>
 * <li>{@code GET /health/live}: 200 whenever the process serves HTTP. It asks nothing of the directory, so a
 * directory outage never gets a healthy instance restarted.</li>
 * <li>{@code GET /health/ready}: 200 when the directory answers a probe and every book's first listing is
 * done ({@link Readiness}); 503 with a line saying what it waits for otherwise. A load balancer sends
 * clients only to ready instances.</li>
 * </ul>
 * While the server stops, both answer 503 like every new request.
 */
final class Health {
    /** {@code GET /health/live}: answered on the IO thread, at once. */
    static final HttpHandler LIVE = exchange -> answer(exchange, 200, "live\n");

    private Health() {
    }

    /**
     * {@code GET /health/ready}: off the IO thread, on the health checks' own threads (it may wait for the
     * directory's probe, at most {@code ldap.probe-timeout}); when those are all busy and their queue is full,
     * Undertow answers 503 at once.
     */
    static HttpHandler ready(Readiness readiness, ExecutorService healthChecks) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(healthChecks, ready(readiness, healthChecks));
                return;
            }
            Optional<String> problem = readiness.problem();
            answer(exchange, problem.isEmpty() ? 200 : 503, problem.map(p -> "not ready: " + p + "\n").orElse("ready\n"));
        };
    }

    private static void answer(io.undertow.server.HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(text);
    }
}
