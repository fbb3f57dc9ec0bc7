package org.galdav.it.ha;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.it.ServerProcess;

/**
 * A private HAProxy for integration tests: its configuration in a directory of the test's, loopback ports,
 * running in the foreground ({@code -db}) as a child of the JVM with its log on standard output, which goes
 * to a file; no system service is involved. Besides starting and stopping it, it reads what HAProxy knows:
 * each server's state from the statistics page (CSV) and each request from the log ({@code option httplog}).
 */
final class HaProxy implements AutoCloseable {
    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final long READY_TIMEOUT_MILLIS = 20_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final int PORT_ATTEMPTS = 3;
    /**
     * One request as {@code option httplog} writes it: client, date, frontend, backend/server, timers, status,
     * bytes, cookies, termination state, connection counts and retries ('+' when redispatched), queues,
     * captured request headers, request line.
     */
    private static final Pattern HTTPLOG = Pattern.compile("^\\S+ \\[[^\\]]+\\] \\S+ ([^/ ]+)/(\\S+) \\S+ (-?\\d+) "
            + "\\S+ \\S+ \\S+ (\\S{4}) \\d+/\\d+/\\d+/\\d+/(\\+?)(\\d+) \\d+/\\d+ \\{([^}]*)\\} \"");

    /** The loopback ports a configuration is written for. */
    record Ports(int frontend, int stats) {
    }

    /**
     * One logged request.
     *
     * @param termination HAProxy's termination state, e.g. {@code ----} (normal), {@code SH--} (the server
     *     aborted before the response headers), {@code SD--} (the server aborted during the body)
     * @param redispatched whether it was sent to another server after a failed connection
     * @param requestId the request's {@code X-Request-Id} header (captured in the log)
     */
    record Logged(String backend, String server, int status, String termination, int retries, boolean redispatched,
                  String requestId) {
        /** Whether the server's side ended the request: it was in flight on that server when it went away. */
        boolean abortedByServer() {
            return termination.charAt(0) == 'S' && (termination.charAt(1) == 'H' || termination.charAt(1) == 'D');
        }
    }

    /** What a configuration needs to know. */
    @FunctionalInterface
    interface Configuration {
        String write(Ports ports) throws IOException;
    }

    private final Process process;
    private final Ports ports;
    private final Path log;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HaProxy(Process process, Ports ports, Path log) {
        this.process = process;
        this.ports = ports;
        this.log = log;
        this.shutdownHook = ServerProcess.addShutdownHook(() -> ServerProcess.kill(process, false),
                "haproxy-shutdown");
    }

    static boolean available() {
        return Files.isExecutable(HAPROXY);
    }

    /**
     * Checks the configuration ({@code haproxy -c}), starts HAProxy and returns once its statistics page
     * answers; starts it again on other ports if someone took the chosen ones in between.
     */
    static HaProxy start(Path dir, Configuration configuration) throws Exception {
        if (!available()) {
            throw new IllegalStateException(HAPROXY + " is missing: install the Debian package 'haproxy' "
                    + "(.ci/run does)");
        }
        Files.createDirectories(dir);
        for (int attempt = 1; ; attempt++) {
            Ports ports = new Ports(ServerProcess.freePort(), ServerProcess.freePort());
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, configuration.write(ports), StandardCharsets.UTF_8);
            ServerProcess.run(ServerProcess.capturingOutput(dir.resolve("check.log"),
                    List.of(HAPROXY.toString(), "-c", "-f", cfg.toString())), dir.resolve("check.log"),
                    "haproxy -c", 20_000);
            Path log = dir.resolve("haproxy-" + attempt + ".log");
            Process process = ServerProcess.capturingOutput(log,
                    List.of(HAPROXY.toString(), "-db", "-f", cfg.toString())).start();
            HaProxy haproxy = new HaProxy(process, ports, log);
            try {
                haproxy.awaitStatistics();
                return haproxy;
            } catch (IllegalStateException e) {
                haproxy.close();
                if (attempt >= PORT_ATTEMPTS || !haproxy.output().contains("cannot bind socket")) {
                    throw e;
                }
            }
        }
    }

    private void awaitStatistics() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with status " + process.exitValue()
                        + "; its output:\n" + output());
            }
            try {
                statistics();
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("haproxy's statistics did not answer within "
                            + READY_TIMEOUT_MILLIS + " ms (" + e + "); its output:\n" + output(), e);
                }
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // the polling pause, ended early if it exits
        }
    }

    /** {@code http://127.0.0.1:<frontend port>} */
    String url() {
        return "http://127.0.0.1:" + ports.frontend();
    }

    /** Each server's state as the health checks see it, {@code backend/server} → e.g. {@code UP}, {@code DOWN}. */
    Map<String, String> statistics() throws IOException, InterruptedException {
        Map<String, String> states = new HashMap<>();
        counters().forEach((server, fields) -> states.put(server, fields.get("status")));
        return states;
    }

    /** Each server's statistics, {@code backend/server} → field (as HAProxy's CSV names them) → value. */
    Map<String, Map<String, String>> counters() throws IOException, InterruptedException {
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.stats() + "/stats;csv")).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (csv.statusCode() != 200) {
            throw new IOException("statistics answered " + csv.statusCode());
        }
        Map<String, Map<String, String>> servers = new HashMap<>();
        String[] lines = csv.body().split("\n");
        String[] header = lines[0].replaceFirst("^# ", "").split(",", -1);
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length >= 2 && !fields[1].equals("FRONTEND") && !fields[1].equals("BACKEND")) {
                Map<String, String> named = new HashMap<>();
                for (int f = 0; f < Math.min(header.length, fields.length); f++) {
                    named.put(header[f], fields[f]);
                }
                servers.put(fields[0] + "/" + fields[1], named);
            }
        }
        return servers;
    }

    /**
     * Waits until HAProxy's health checks have given {@code server} (as {@code backend/server}) the state
     * {@code wanted}; {@code timeoutMillis} only guards against a hang.
     */
    void awaitState(String server, String wanted, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Map<String, String> states = statistics();
        while (!wanted.equals(states.get(server))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(server + " is not " + wanted + " after " + timeoutMillis
                        + " ms: " + states + "; haproxy's output:\n" + ServerProcess.tail(output(), 40));
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // the polling pause
            states = statistics();
        }
    }

    /** Every request logged so far, in the order HAProxy finished them. */
    List<Logged> requests() {
        List<Logged> requests = new ArrayList<>();
        for (String line : output().split("\n")) {
            Matcher m = HTTPLOG.matcher(line);
            if (m.find()) {
                requests.add(new Logged(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4),
                        Integer.parseInt(m.group(6)), !m.group(5).isEmpty(), m.group(7)));
            }
        }
        return requests;
    }

    /** Everything HAProxy has written so far: requests, and server state changes. */
    String output() {
        return ServerProcess.read(log);
    }

    @Override
    public void close() {
        ServerProcess.stop(process, STOP_TIMEOUT_MILLIS);
        ServerProcess.removeShutdownHook(shutdownHook);
    }
}
