package org.galdav.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The listening socket, set up as {@code Undertow.start()} does it for one HTTP/1.1 listener, with one
 * difference that Undertow's builder cannot express: every accepted connection passes the
 * {@link ConnectionGate} before Undertow parses a byte of it. Owns the XNIO worker (I/O threads, and the
 * worker threads that run blocking requests); {@link #close()} stops both.
 */
final class Listener implements AutoCloseable {
    private final XnioWorker worker;
    private final AcceptingChannel<? extends StreamConnection> channel;
    /** Further plain-HTTP sockets on the same worker ({@link #alsoPlain}). */
    private final List<AcceptingChannel<? extends StreamConnection>> more = new CopyOnWriteArrayList<>();

    private Listener(XnioWorker worker, AcceptingChannel<? extends StreamConnection> channel) {
        this.worker = worker;
        this.channel = channel;
    }

    /**
     * @param serverOptions Undertow's options for parsing and timeouts ({@link UndertowOptions})
     * @param socketOptions XNIO options of the listening socket and its connections (TLS protocols, suites)
     * @param tls           present: the listener speaks HTTPS only
     */
    static Listener start(String host, int port, HttpHandler root, OptionMap serverOptions, OptionMap socketOptions,
                          Optional<SSLContext> tls, ConnectionBudget budget,
                          Consumer<ConnectionBudget.Refusal> refused) {
        Xnio xnio = Xnio.getInstance(Undertow.class.getClassLoader());
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        XnioWorker worker;
        try {
            worker = xnio.createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                    .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.CORK, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP worker threads", e);
        }
        try {
            ChannelListener<AcceptingChannel<StreamConnection>> accept = accept(root, serverOptions, budget, refused);
            OptionMap options = socketOptions(worker, socketOptions);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
            AcceptingChannel<? extends StreamConnection> channel;
            if (tls.isPresent()) {
                UndertowXnioSsl ssl = new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true),
                        tls.get());
                @SuppressWarnings({"unchecked", "rawtypes"})
                AcceptingChannel<? extends StreamConnection> secure =
                        ssl.createSslConnectionServer(worker, address, (ChannelListener) accept, options);
                channel = secure;
            } else {
                channel = worker.createStreamConnectionServer(address, accept, options);
            }
            channel.resumeAccepts();
            return new Listener(worker, channel);
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            throw e instanceof IOException io ? new UncheckedIOException("cannot listen on " + host + ":" + port, io)
                    : (RuntimeException) e;
        }
    }

    /**
     * Also listens on plain HTTP at {@code host:port} with a root of its own (the redirect to HTTPS), on the same
     * worker, under the same connection budget and timeouts; {@link #close} closes it too.
     *
     * @return where it listens
     */
    InetSocketAddress alsoPlain(String host, int port, HttpHandler root, OptionMap serverOptions,
                                ConnectionBudget budget, Consumer<ConnectionBudget.Refusal> refused) {
        try {
            AcceptingChannel<? extends StreamConnection> plain = worker.createStreamConnectionServer(
                    new InetSocketAddress(InetAddress.getByName(host), port),
                    accept(root, serverOptions, budget, refused), socketOptions(worker, OptionMap.EMPTY));
            more.add(plain);
            plain.resumeAccepts();
            return plain.getLocalAddress(InetSocketAddress.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    private static ChannelListener<AcceptingChannel<StreamConnection>> accept(HttpHandler root,
            OptionMap serverOptions, ConnectionBudget budget, Consumer<ConnectionBudget.Refusal> refused) {
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024, -1, 4);
        HttpOpenListener http = new HttpOpenListener(buffers, OptionMap.builder()
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true).addAll(serverOptions).getMap());
        http.setRootHandler(root);
        return ChannelListeners.openListenerAdapter(new ConnectionGate(budget, http, refused));
    }

    private static OptionMap socketOptions(XnioWorker worker, OptionMap extra) {
        return OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BALANCING_TOKENS, 1)
                .set(Options.BALANCING_CONNECTIONS, 2)
                .set(Options.BACKLOG, 1000)
                .addAll(extra)
                .getMap();
    }

    /** Where it listens (the port chosen, when 0 was asked for). */
    InetSocketAddress address() {
        return channel.getLocalAddress(InetSocketAddress.class);
    }

    /** Stops accepting new connections; those open stay until {@link #close}. */
    void stopAccepting() {
        IoUtils.safeClose(channel);
        more.forEach(IoUtils::safeClose);
    }

    /** Stops accepting, then stops the worker at once: every connection closes, busy threads are interrupted. */
    @Override
    public void close() {
        stopAccepting();
        worker.shutdownNow();
    }

    /**
     * Stops accepting, lets the worker's tasks end for up to {@code workEnd} (as {@code Undertow.stop()} does
     * with its shutdown timeout), then stops it at once.
     */
    void close(Duration workEnd) {
        stopAccepting();
        worker.shutdown();
        try {
            worker.awaitTermination(workEnd.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }
}
