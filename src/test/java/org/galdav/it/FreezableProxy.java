package org.galdav.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that can freeze: from then on it forwards nothing in either direction and keeps
 * every connection open, as a hung server does (a directory under {@code kill -STOP}, a dead network path).
 * What clients send while it is frozen is kept, so a test can wait until a request it caused is stuck.
 * Threads: one accepting thread and two pumps per connection, all daemons.
 */
public final class FreezableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream swallowed = new ByteArrayOutputStream();
    private volatile boolean frozen;

    private FreezableProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code port} on loopback. */
    public static FreezableProxy to(int port) throws IOException {
        FreezableProxy proxy = new FreezableProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        daemon(proxy::accept, "proxy-accept");
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Stops forwarding; connections stay open and silent. */
    public void freeze() {
        frozen = true;
    }

    /** Whether clients sent {@code text} (as ASCII, e.g. a login inside an LDAP search) since the freeze. */
    public boolean swallowedText(String text) {
        synchronized (swallowed) {
            return swallowed.toString(StandardCharsets.ISO_8859_1).contains(text);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server, true), "proxy-up");
                daemon(() -> pump(server, client, false), "proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!frozen) {
                    out.write(buffer, 0, n);
                    out.flush();
                } else if (upstream) {
                    synchronized (swallowed) {
                        swallowed.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // one side closed: the pair ends
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
