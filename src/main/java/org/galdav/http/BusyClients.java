package org.galdav.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.AddressBlock;

/**
 * Worker threads are few (they block on the directory and on slow bodies), so one client may hold only a
 * few at once: a request beyond {@code max} for its address is answered 503 with {@code Retry-After} on the
 * I/O thread, without a worker, and its connection is closed rather than drained (RFC 9110 §15.6.4). A
 * flood of slow requests from one address thus leaves the other clients, and {@code /health}, their
 * threads. A trusted proxy that names no client is not limited (it carries many). Thread-safe.
 */
public final class BusyClients implements HttpHandler {
    private final HttpHandler next;
    private final int max;
    private final Set<InetAddress> trustedProxies;
    private final Runnable onRefused;
    private final ConcurrentHashMap<AddressBlock, AtomicInteger> busy = new ConcurrentHashMap<>();

    /** {@code onRefused} is told of every request refused (a metric). */
    public BusyClients(HttpHandler next, int max, Set<InetAddress> trustedProxies, Runnable onRefused) {
        this.next = next;
        this.max = max;
        this.trustedProxies = Set.copyOf(trustedProxies);
        this.onRefused = onRefused;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        InetAddress client = ClientAddress.of(exchange);
        if (trustedProxies.contains(client)) {
            next.handleRequest(exchange);
            return;
        }
        AddressBlock block = AddressBlock.of(client);
        AtomicInteger count = busy.computeIfAbsent(block, b -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            release(block, count);
            onRefused.run();
            exchange.setPersistent(false);
            exchange.setStatusCode(503);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send("Too many requests from your address at once; try again shortly.\n");
            return;
        }
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            release(block, count);
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    /** Number of client addresses with requests in progress (tests). */
    int addressesBusy() {
        return busy.size();
    }

    private void release(AddressBlock block, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            busy.remove(block, count);
        }
    }
}
