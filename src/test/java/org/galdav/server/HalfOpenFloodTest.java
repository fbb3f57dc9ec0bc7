package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.RawConnections.metric;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.HalfOpenFlood;
import org.galdav.support.RawConnections;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * The flood of the issue: 20,000 connections from one address (127.0.0.2) that send {@code GET / HTTP/1.1}
 * and a header and then wait, while a client on 127.0.0.1 is served. The attacker runs as a process of its
 * own ({@link HalfOpenFlood}), with its limit on open files raised by {@code prlimit} where that is allowed
 * (CAP_SYS_RESOURCE); otherwise it opens as many connections as its limit allows (19,900 under the hard
 * limit of 20,000 of the build machine, where even root may not raise it) and prints how many. Header and idle timeouts are long in this test, so
 * the admitted connections stay open: only the per-address cap protects the server. Waits are bounded hang
 * guards; nothing is timed.
 */
class HalfOpenFloodTest {
    private static final int FLOOD = 20_000;
    private static final int PER_ADDRESS = 100;

    @Test
    void aFloodOfHalfSentRequestsFromOneAddressLeavesOthersServed() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.connections.max-per-address", PER_ADDRESS, "http.connections.header-timeout", "10m",
                "http.connections.idle-timeout", "10m"), new ArrayList<>(), TimeSource.SYSTEM)) {
            Process attacker = attacker(URI.create(server.url()));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(attacker.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter in = new PrintWriter(attacker.getOutputStream(), true)) {
                String opened = line(out);
                assertThat(opened).startsWith("opened ");
                int count = Integer.parseInt(opened.split(" ")[1]);
                System.out.println("half-open flood: " + opened);
                assertThat(count).as("the attacker opened its connections").isGreaterThan(10 * PER_ADDRESS);

                awaitRefused(server.url(), count - PER_ADDRESS);
                assertThat(metric(server.url(), "galdav_http_connections_open", "")).isGreaterThanOrEqualTo(PER_ADDRESS);

                DavClient client = new DavClient(server.url(), "demo", "demo");
                assertThat(RawConnections.get(server.url() + "health").statusCode()).isEqualTo(200);
                List<String> cards = client.memberHrefs("/addressbooks/directory/");
                assertThat(cards).isNotEmpty();
                assertThat(client.get(cards.get(0)).statusCode()).isEqualTo(200);
                assertThat(client.propfind("/addressbooks/directory/", "0", Bodies.propfind("d:displayname"))
                        .statusCode()).isEqualTo(207);

                in.println("check");
                assertThat(line(out)).as("every connection beyond the share was closed, the share held")
                        .isEqualTo("closed " + (count - PER_ADDRESS));
            } finally {
                attacker.destroy();
                if (!attacker.waitFor(60, TimeUnit.SECONDS)) {
                    attacker.destroyForcibly();
                }
            }
        }
    }

    /** The attacker process, with room for 20,000 sockets where prlimit may give it. */
    private static Process attacker(URI server) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        List<String> raised = List.of("/usr/bin/prlimit", "--nofile=" + (FLOOD + 1000) + ":" + (FLOOD + 1000));
        if (Files.isExecutable(Path.of(raised.get(0))) && allowed(raised)) {
            command.addAll(raised);
        }
        command.addAll(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HalfOpenFlood.class.getName(), "127.0.0.2", server.getHost(), Integer.toString(server.getPort()),
                Integer.toString(FLOOD)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Whether prlimit may raise the limit here (root with CAP_SYS_RESOURCE, or a high enough hard limit). */
    private static boolean allowed(List<String> prlimit) throws Exception {
        List<String> probe = new ArrayList<>(prlimit);
        probe.add("true");
        Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    private static String line(BufferedReader out) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(RawConnections.GUARD.toSeconds() * 3, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until the server has refused {@code expected} connections per address. */
    private static void awaitRefused(String url, int expected) throws Exception {
        double refused = 0;
        for (int i = 0; i < 3000 && refused < expected; i++) {
            refused = metric(url, "galdav_http_connections_refused_total", "reason=\"per-address\"");
        }
        assertThat(refused).isEqualTo(expected);
    }
}
