package org.galdav.it.ha;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
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
import org.galdav.it.ServerProcess;

/**
 * A galdav server as a child JVM running the packaged jar ({@code target/galdav.jar}, which Maven's
 * {@code package} phase builds before Failsafe's {@code integration-test}), so that a test can kill it for
 * real ({@link #kill()}: SIGKILL, no shutdown hook runs) while a load balancer sends it requests.
 *
 * <p>Its configuration is a file of its own (as {@code -Dgaldav.config}); it listens on a free loopback port
 * and its output goes to a log file in its directory. A JVM shutdown hook kills it if the test JVM ends first.
 */
final class GaldavProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "galdav.jar");
    /** The test JVMs' own economy flags (pom.xml galdav.testArgLine): two cores are shared by everything. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Djava.awt.headless=true");
    private static final long READY_TIMEOUT_MILLIS = 90_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final int PORT_ATTEMPTS = 3;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private GaldavProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = ServerProcess.addShutdownHook(() -> ServerProcess.kill(process, false),
                name + "-shutdown");
    }

    /**
     * Starts an instance with {@code settings} (keys as in conf/application.conf; {@code http.host} and
     * {@code http.port} are chosen here) and returns once its {@code /health} answers 200.
     *
     * @param dir a directory of the caller's; the instance writes its configuration and log below it
     */
    static GaldavProcess start(String name, Path dir, Map<String, Object> settings) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with "
                    + "'mvn verify' (package builds the jar first)");
        }
        Path home = Files.createDirectories(dir.resolve(name));
        for (int attempt = 1; ; attempt++) {
            int port = ServerProcess.freePort();
            Map<String, Object> all = new HashMap<>(settings);
            all.put("http.host", "127.0.0.1");
            all.put("http.port", port);
            Path conf = home.resolve("galdav.conf");
            Files.writeString(conf, ConfigFactory.parseMap(all).root().render(ConfigRenderOptions.concise()),
                    StandardCharsets.UTF_8);
            Path log = home.resolve("galdav-" + attempt + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.add("-Dgaldav.config=" + conf.toAbsolutePath());
            command.add("-jar");
            command.add(JAR.toAbsolutePath().toString());
            Process process = ServerProcess.capturingOutput(log, command).start();
            GaldavProcess instance = new GaldavProcess(name, process, port, log);
            try {
                instance.awaitHealthy();
                return instance;
            } catch (IllegalStateException e) {
                instance.close();
                if (attempt >= PORT_ATTEMPTS || !instance.output().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** Polls {@code /health} until it answers 200; fails at once if the process exits. */
    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "health")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        String last = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " before it was healthy; its output:\n" + ServerProcess.tail(output(), 60));
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body().trim();
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not healthy within " + READY_TIMEOUT_MILLIS
                        + " ms (last: " + last + "); its output:\n" + ServerProcess.tail(output(), 60));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // the polling pause, ended early if it exits
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>/} */
    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** What it has logged so far. */
    String output() {
        return ServerProcess.read(log);
    }

    /** SIGKILL: the process ends at once, with whatever it was doing; returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after SIGKILL");
        }
    }

    /** SIGTERM (galdav's own shutdown), SIGKILL if it has not ended after 10 s. */
    @Override
    public void close() {
        ServerProcess.stop(process, STOP_TIMEOUT_MILLIS);
        ServerProcess.removeShutdownHook(shutdownHook);
    }
}
