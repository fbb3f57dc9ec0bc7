package org.galdav.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Gives every request body a deadline: the body must have arrived within the body timeout after the headers,
 * so that a client trickling a body byte by byte cannot hold a worker thread and a connection for ever. The
 * request's own thread finds the deadline passed while it waits for the body, and fails the read with a
 * {@link BodyTimeoutException}; the request then ends like any broken connection, and Undertow closes the
 * connection since the body was not read to its end. (Closing the connection from the I/O thread instead
 * races with the reading thread inside Undertow; Undertow's read timeout counts from the client's last byte
 * even while the server answers, and would cut long downloads.)
 */
final class BodyTimeout implements HttpHandler {
    private final HttpHandler next;
    private final Duration timeout;
    private final TimeSource time;
    private final Runnable timedOut;

    /** @param timedOut told about every body that did not arrive in time (metrics) */
    BodyTimeout(HttpHandler next, Duration timeout, TimeSource time, Runnable timedOut) {
        this.next = next;
        this.timeout = timeout;
        this.time = time;
        this.timedOut = timedOut;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.isRequestComplete()) {
            long end = time.nanoTime() + timeout.toNanos();
            exchange.addRequestWrapper((factory, ignored) -> new Deadlined(factory.create(), end));
        }
        next.handleRequest(exchange);
    }

    /** The read that found the body's time up. */
    static final class BodyTimeoutException extends IOException {
        BodyTimeoutException(Duration timeout) {
            super("the request body did not arrive within " + timeout.toSeconds() + " s (http.connections.body-timeout)");
        }
    }

    /** The request's source, failing reads and bounding waits once the deadline has passed. */
    private final class Deadlined extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final long end;
        private boolean reported;

        Deadlined(StreamSourceConduit delegate, long end) {
            super(delegate);
            this.end = end;
        }

        private long remainingMillis() throws BodyTimeoutException {
            long left = end - time.nanoTime();
            if (left <= 0) {
                if (!reported) {
                    reported = true;
                    timedOut.run();
                }
                throw new BodyTimeoutException(timeout);
            }
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            remainingMillis();
            return super.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            remainingMillis();
            return super.read(dsts, offset, length);
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            remainingMillis();
            return super.transferTo(position, count, target);
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            remainingMillis();
            return super.transferTo(count, throughBuffer, target);
        }

        @Override
        public void awaitReadable() throws IOException {
            super.awaitReadable(remainingMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void awaitReadable(long waitTime, TimeUnit unit) throws IOException {
            super.awaitReadable(Math.min(unit.toMillis(waitTime), remainingMillis()), TimeUnit.MILLISECONDS);
        }
    }
}
