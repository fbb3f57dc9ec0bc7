package org.galdav.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request (method, path, status, duration), and the same to the request observer.
 * Credentials are in headers and never logged.
 */
public final class AccessLog implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger("galdav.access");

    private final HttpHandler next;
    private final RequestObserver observer;
    private final TimeSource time;

    public AccessLog(HttpHandler next, RequestObserver observer, TimeSource time) {
        this.next = next;
        this.observer = observer;
        this.time = time;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = time.nanoTime();
        exchange.addExchangeCompleteListener((HttpServerExchange done, ExchangeCompletionListener.NextListener nl) -> {
            long nanos = time.nanoTime() - start;
            String method = done.getRequestMethod().toString();
            int status = done.getStatusCode();
            LOG.info("{} {} {} {}ms", method, done.getRequestPath(), status, TimeUnit.NANOSECONDS.toMillis(nanos));
            observer.finished(method, status, nanos);
            nl.proceed();
        });
        next.handleRequest(exchange);
    }
}
