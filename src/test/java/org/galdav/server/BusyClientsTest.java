package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.RawConnections.metric;
import static org.galdav.support.RawConnections.open;
import static org.galdav.support.RawConnections.send;
import static org.galdav.support.RawConnections.statusLine;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.support.RawConnections;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * Worker threads are few: requests whose bodies never finish, from one address, must not take them all.
 * The slow requests here would hold their threads for ten minutes (the body timeout); another client, and
 * {@code /health}, are served meanwhile. Every wait is bounded ({@link RawConnections#GUARD}), nothing is timed.
 */
class BusyClientsTest {
    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)) + "\r\n";
    /** More slow requests than the worker threads of a two-core machine (16), well within the connection cap. */
    private static final int SLOW = 40;

    @Test
    void slowBodiesFromOneAddressLeaveOtherClientsAndHealthTheirThreads() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.connections.body-timeout", "10m"), new ArrayList<>(), TimeSource.SYSTEM)) {
            for (int i = 0; i < SLOW; i++) {
                Socket socket = open("127.0.0.2", server.url());
                slow.add(socket);
                // Half of them logged in (their work waits for the body), half not (refused before reading it).
                send(socket, "PROPFIND /addressbooks/ HTTP/1.1\r\nHost: x\r\n" + (i % 2 == 0 ? AUTH : "")
                        + "Depth: 0\r\nContent-Type: application/xml\r\nContent-Length: 200\r\n\r\n<?xml");
            }
            try (Socket other = open("127.0.0.1", server.url())) {
                assertThat(statusLine(other, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 200 OK");
                assertThat(statusLine(other, "PROPFIND /addressbooks/ HTTP/1.1\r\nHost: x\r\n" + AUTH
                        + "Depth: 0\r\nContent-Length: 0\r\n\r\n")).isEqualTo("HTTP/1.1 207 Multi-Status");
            }
            assertThat(metric(server.url(), "galdav_http_busy_refused_total", "")).isPositive();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }
}
