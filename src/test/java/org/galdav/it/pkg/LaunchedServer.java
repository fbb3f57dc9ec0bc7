package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.it.ServerProcess;

/**
 * galdav started by one of its launchers (the package's /usr/bin/galdav, maybe through runuser, or the
 * archive's bin/galdav), as an operator or systemd would start it. Every wait is a hang guard, not a timing
 * assertion: the waits poll and end as soon as the server answers or the process exits.
 */
final class LaunchedServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("galdav listening on (http://\\S+/)");
    private static final long GUARD_MILLIS = 120_000;
    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final Path log;
    private final String url;

    private LaunchedServer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts {@code builder} (whose output goes to {@code log}) and waits until it logs its URL. */
    static LaunchedServer start(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        Process process = builder.start();
        long polls = GUARD_MILLIS / POLL_MILLIS;
        for (long i = 0; i < polls; i++) {
            Matcher m = LISTENING.matcher(ServerProcess.read(log));
            if (m.find()) {
                return new LaunchedServer(process, log, m.group(1));
            }
            if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        ServerProcess.kill(process, false);
        throw new AssertionError("galdav did not start (status " + (process.isAlive() ? "running" : process.exitValue())
                + "); its output:\n" + ServerProcess.read(log));
    }

    String url() {
        return url;
    }

    String output() {
        return ServerProcess.read(log);
    }

    /** The Java process: the launcher itself (it ends in exec), or the child of runuser. */
    ProcessHandle java() {
        Optional<ProcessHandle> child = process.toHandle().children().findFirst();
        return child.orElse(process.toHandle());
    }

    /** Polls GET /health until it answers 200 (the directory is reachable); returns that answer's body. */
    String awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "health")).timeout(Duration.ofSeconds(5)).build();
        long polls = GUARD_MILLIS / POLL_MILLIS;
        HttpResponse<String> last = null;
        for (long i = 0; i < polls && process.isAlive(); i++) {
            last = client.send(health, HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200) {
                return last.body();
            }
            process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("GET /health never answered 200 (last: " + (last == null ? "none" : last.statusCode())
                + "); galdav's output:\n" + output());
    }

    /**
     * Sends SIGTERM to the Java process, as systemd does to the unit's main process, and returns the exit
     * status of the started process once it ended.
     */
    int terminate() throws InterruptedException {
        java().destroy();
        assertThat(process.waitFor(GUARD_MILLIS, TimeUnit.MILLISECONDS))
                .as("galdav ended after SIGTERM; its output:\n%s", ServerProcess.tail(output(), 40)).isTrue();
        return process.exitValue();
    }

    /** Kills what is left, if a test failed before {@link #terminate()}. */
    @Override
    public void close() {
        if (process.isAlive()) {
            java().destroyForcibly();
            ServerProcess.kill(process, false);
        }
    }
}
