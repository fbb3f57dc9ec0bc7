package org.galdav.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.time.Duration;

/**
 * Adds {@code Strict-Transport-Security: max-age=N} to every answer of the HTTPS listener (RFC 6797 §6.1), so a
 * browser that once reached galdav over HTTPS never tries plain HTTP for this host again. Only over HTTPS: a
 * browser ignores the header on plain HTTP (§8.1), and galdav's redirect port never sends it. Without
 * {@code includeSubDomains}, which is the domain owner's decision, not galdav's.
 */
final class Hsts implements HttpHandler {
    static final HttpString HEADER = HttpString.tryFromString("Strict-Transport-Security");

    private final HttpHandler next;
    private final String value;

    private Hsts(HttpHandler next, Duration maxAge) {
        this.next = next;
        this.value = "max-age=" + maxAge.toSeconds();
    }

    /** {@code next} with the header on every answer, or {@code next} itself when {@code maxAge} is zero. */
    static HttpHandler around(HttpHandler next, Duration maxAge) {
        return maxAge.isZero() ? next : new Hsts(next, maxAge);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(HEADER, value);
        next.handleRequest(exchange);
    }
}
