package org.galdav.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line and one timer sample per request: method, path, status, duration. Credentials are
 * in headers and never logged.
 */
public final class AccessLog implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger("galdav.access");

    private final HttpHandler next;
    private final MeterRegistry registry;

    public AccessLog(HttpHandler next, MeterRegistry registry) {
        this.next = next;
        this.registry = registry;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((HttpServerExchange done, ExchangeCompletionListener.NextListener nl) -> {
            long nanos = System.nanoTime() - start;
            String method = done.getRequestMethod().toString();
            int status = done.getStatusCode();
            LOG.info("{} {} {} {}ms", method, done.getRequestPath(), status, TimeUnit.NANOSECONDS.toMillis(nanos));
            Timer.builder("galdav.http.requests").tag("method", metricMethod(method))
                    .tag("status", Integer.toString(status)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
            nl.proceed();
        });
        next.handleRequest(exchange);
    }

    /** Bounded tag values: an attacker's invented methods must not create unbounded meters. */
    private static String metricMethod(String method) {
        switch (method) {
            case "GET": case "HEAD": case "OPTIONS": case "PROPFIND": case "REPORT": case "PUT": case "DELETE":
            case "PROPPATCH": case "MKCOL": case "COPY": case "MOVE": case "LOCK": case "UNLOCK": case "POST":
                return method;
            default:
                return "OTHER";
        }
    }
}
