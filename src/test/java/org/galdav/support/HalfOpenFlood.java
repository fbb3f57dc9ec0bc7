package org.galdav.support;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The attacker of the half-open flood, run as a process of its own (its sockets need descriptors of their
 * own): opens up to COUNT connections from FROM to HOST:PORT, sends each {@code GET / HTTP/1.1} and one
 * header but never the blank line, and holds them. It prints {@code opened N} (N is smaller than COUNT when
 * its limit on open files allows no more); on the line {@code check} from standard input it prints
 * {@code closed M}, the number of its connections the server has closed; at the end of its input it closes
 * everything and exits.
 *
 * <p>Usage: {@code HalfOpenFlood FROM HOST PORT COUNT}
 */
public final class HalfOpenFlood {
    private static final byte[] HALF_REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** Descriptors the JVM needs beside the sockets. */
    private static final int SPARE_DESCRIPTORS = 100;

    private HalfOpenFlood() {
    }

    public static void main(String[] args) throws IOException {
        String from = args[0];
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        int count = (int) Math.min(Integer.parseInt(args[3]), limit - SPARE_DESCRIPTORS);
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(target, 30_000);
            sockets.add(socket);
            try {
                socket.getOutputStream().write(HALF_REQUEST);
            } catch (IOException closedAlready) {
                // the server refused it before the request was written: "check" counts it as closed
            }
        }
        System.out.println("opened " + sockets.size() + " (descriptor limit " + limit + ")");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("check")) {
                System.out.println("closed " + closedByServer(sockets));
                System.out.flush();
            }
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static int closedByServer(List<Socket> sockets) throws IOException {
        int closed = 0;
        for (Socket socket : sockets) {
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException open) {
                // nothing to read: still open
            } catch (SocketException reset) {
                closed++;
            }
        }
        return closed;
    }
}
