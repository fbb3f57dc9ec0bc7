package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.RawConnections.closedByServer;
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
 * Connections are a budget: a client that owes headers, a body or its next request loses its connection, and
 * connections beyond the caps are closed when accepted, while other clients are served. Real sockets from
 * loopback addresses of their own; every wait is bounded ({@link RawConnections#GUARD}) and nothing is timed.
 */
class SlowClientsTest {
    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)) + "\r\n";
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK";

    @Test
    void clientsThatOweHeadersABodyOrTheirNextRequestLoseTheirConnection() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.connections.header-timeout", "1s", "http.connections.body-timeout", "1s",
                "http.connections.idle-timeout", "1s"), new ArrayList<>(), TimeSource.SYSTEM);
             Socket silent = open("127.0.0.2", server.url());
             Socket halfHeaders = open("127.0.0.2", server.url());
             Socket trickle = open("127.0.0.2", server.url());
             Socket keptAlive = open("127.0.0.2", server.url())) {
            send(halfHeaders, "GET / HTTP/1.1\r\nHost: x\r\n");
            send(trickle, "PROPFIND /addressbooks/ HTTP/1.1\r\nHost: x\r\n" + AUTH + "Depth: 0\r\n"
                    + "Content-Length: 200\r\n\r\n<?xml version='1.0'?>");
            assertThat(statusLine(keptAlive, HEALTH)).isEqualTo(OK);

            assertThat(closedByServer(silent)).as("a connection that never sends a request").isTrue();
            assertThat(closedByServer(halfHeaders)).as("headers never finished").isTrue();
            assertThat(closedByServer(trickle)).as("a body never finished").isTrue();
            assertThat(closedByServer(keptAlive)).as("kept alive without a next request").isTrue();
            assertThat(metric(server.url(), "galdav_http_body_timeouts_total", "")).isEqualTo(1.0);
            assertThat(RawConnections.get(server.url() + "health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientBeyondItsShareIsClosedAtOnceWhileOthersAreServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.connections.max-per-address", 3), new ArrayList<>(), TimeSource.SYSTEM)) {
            for (int i = 0; i < 3; i++) {
                Socket socket = open("127.0.0.3", server.url());
                held.add(socket);
                assertThat(statusLine(socket, HEALTH)).as("admitted, kept alive").isEqualTo(OK);
            }
            Socket fourth = open("127.0.0.3", server.url());
            held.add(fourth);
            assertThat(closedByServer(fourth)).as("one more than its share").isTrue();
            assertThat(metric(server.url(), "galdav_http_connections_refused_total", "reason=\"per-address\""))
                    .isEqualTo(1.0);
            try (Socket other = open("127.0.0.4", server.url())) {
                assertThat(statusLine(other, HEALTH)).as("another client").isEqualTo(OK);
            }
            assertThat(statusLine(held.get(0), HEALTH)).as("the client's admitted connections").isEqualTo(OK);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void beyondTheTotalEveryoneIsClosedAtOnceUntilPlacesAreFree() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.connections.max", 4), new ArrayList<>(), TimeSource.SYSTEM)) {
            for (int i = 0; i < 4; i++) {
                Socket socket = open("127.0.0." + (10 + i), server.url());
                held.add(socket);
                assertThat(statusLine(socket, HEALTH)).isEqualTo(OK);
            }
            try (Socket fifth = open("127.0.0.20", server.url())) {
                assertThat(closedByServer(fifth)).as("beyond the total").isTrue();
            }
            for (Socket socket : held) {
                socket.close();
            }
            double[] counted = metricOnceAdmitted(server.url());
            assertThat(counted[0]).as("the fifth connection, and each metric request refused before the server "
                    + "saw the held ones close").isEqualTo(1.0 + counted[1]);
        }
    }

    /**
     * The total-refusal counter, asked until a place is free again (the server releases places as it sees
     * closes), and how many of these asks were themselves refused (each counts as one more refusal).
     */
    private static double[] metricOnceAdmitted(String url) throws Exception {
        int refused = 0;
        for (int attempt = 0; attempt < 600; attempt++) {
            try {
                return new double[] {metric(url, "galdav_http_connections_refused_total", "reason=\"total\""), refused};
            } catch (java.io.IOException refusedAgain) {
                refused++;
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("no place became free");
    }
}
