package org.galdav.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain sockets to a test server, from any loopback address (127.0.0.2 and up stand for other clients), for
 * what an HTTP client library will not do: send half a request, or nothing, and wait; and the server's
 * Prometheus counters. Waits are bounded: they guard against hangs and assert nothing about time.
 */
public final class RawConnections {
    /** The longest any wait here lasts. */
    public static final Duration GUARD = Duration.ofSeconds(60);

    private RawConnections() {
    }

    /** A connection from {@code from} (a loopback address) to the server at {@code url}. */
    public static Socket open(String from, String url) {
        URI uri = URI.create(url);
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) GUARD.toMillis());
            socket.setSoTimeout((int) GUARD.toMillis());
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /**
     * Reads until the server closes the connection (true), or until {@link #GUARD} passes (false). What the
     * server sent before closing is skipped.
     */
    public static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // skip a response, if any
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the server
        }
    }

    /**
     * Sends one complete request on {@code socket} and reads the whole response (its body by its
     * Content-Length), so that the connection can carry the next one; returns the status line.
     */
    public static String statusLine(Socket socket, String request) throws IOException {
        send(socket, request);
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        int c;
        while (head.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0) {
            head.append((char) c);
        }
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.substring(0, Math.max(0, head.indexOf("\r\n")));
    }

    /**
     * A Prometheus counter or gauge of the server at {@code url} (0 when absent), as {@code GET /metrics} says;
     * asked on a connection of its own from 127.0.0.1 that is closed afterwards, so that it holds no place.
     */
    public static double metric(String url, String name, String labels) throws IOException {
        String text;
        try (Socket socket = open("127.0.0.1", url)) {
            send(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{([^}]*)\\})? (\\S+)$").matcher(text);
        while (m.find()) {
            String found = m.group(2) == null ? "" : m.group(2);
            if (found.replace(",}", "}").replaceAll(",$", "").equals(labels)) {
                return Double.parseDouble(m.group(3));
            }
        }
        return 0;
    }

    /** An unauthenticated GET with a bounded wait. */
    public static HttpResponse<String> get(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(GUARD).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(GUARD).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
