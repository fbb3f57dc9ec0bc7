package org.galdav.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Once the server is stopping, a new request on a connection still open is answered 503 with
 * {@code Retry-After} (RFC 9110 §15.6.4) and its connection is closed, so the client (or its balancer) goes
 * elsewhere; requests that arrived before go on. Thread-safe.
 */
final class StopGate implements HttpHandler {
    private final HttpHandler next;
    private volatile boolean stopping;

    StopGate(HttpHandler next) {
        this.next = next;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!stopping) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false);
        exchange.setStatusCode(503);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("The server is stopping; try again shortly.\n");
    }
}
