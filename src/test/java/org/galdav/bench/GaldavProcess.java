package org.galdav.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.it.ServerProcess;

/**
 * The packaged galdav ({@code java -Xmx<heap> -jar target/galdav.jar}) in a JVM of its own, as an administrator
 * runs it, with its log in a file that a watcher thread reads as it grows (to time log events such as the end
 * of the start-up warm-up), and the JDK's own tools ({@code jcmd}) and {@code /proc} for its memory.
 * Every wait is bounded.
 */
final class GaldavProcess implements AutoCloseable {
    /** Log texts whose first appearance is timed from the JVM's start. */
    static final String WARM_UP_DONE = "address book directory listed in";
    static final String WARM_UP_FAILED = "could not be listed at start";
    static final String OUT_OF_MEMORY = "OutOfMemoryError";
    private static final List<String> WATCHED = List.of(WARM_UP_DONE, WARM_UP_FAILED, OUT_OF_MEMORY);
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private static final long TOOL_MILLIS = 120_000;

    private final Process process;
    private final Path log;
    private final Path dir;
    private final long startNanos;
    private final int port;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean closed;

    private GaldavProcess(Process process, Path log, Path dir, long startNanos, int port) {
        this.process = process;
        this.log = log;
        this.dir = dir;
        this.startNanos = startNanos;
        this.port = port;
        this.watcher = new Thread(this::watch, "galdav-log-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Starts galdav on a free loopback port, pointed at the directory; everything else stays at its default
     * except {@code extra} ({@code key=value} system properties).
     */
    static GaldavProcess start(Path jar, String heap, String ldapUrl, String baseDn, String bindDn, String password,
            Path dir, List<String> extra) throws IOException {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Dldap.url=" + ldapUrl, "-Dldap.base-dn=" + baseDn,
                "-Dldap.bind-dn=" + bindDn, "-Dldap.bind-password=" + password, "-Dhttp.port=" + port,
                "-Dsync.state-dir=" + dir.resolve("state")));
        extra.forEach(e -> command.add("-D" + e));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = dir.resolve("galdav.log");
        long start = System.nanoTime();
        Process process = ServerProcess.capturingOutput(log, command).start();
        return new GaldavProcess(process, log, dir, start, port);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Milliseconds from the JVM's start to the first HTTP answer (any status) of {@code /health}, polled
     * every 10 ms for at most {@code timeout}.
     */
    double awaitFirstAnswer(Duration timeout) throws BenchHttp.Failed, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = startNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new BenchHttp.Failed("exited with status " + process.exitValue());
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(url() + "health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return (System.nanoTime() - startNanos) / 1e6;
            } catch (IOException e) {
                process.waitFor(10, TimeUnit.MILLISECONDS); // not listening yet; doubles as exit detection
            }
        }
        throw new BenchHttp.Failed("no answer within " + timeout.toSeconds() + " s");
    }

    /** Milliseconds from the JVM's start until {@code text} first appeared in the log, if it did. */
    OptionalDouble seenAfter(String text) {
        Long at = seen.get(text);
        return at == null ? OptionalDouble.empty() : OptionalDouble.of((at - startNanos) / 1e6);
    }

    /** Waits at most {@code timeout} until one of {@code texts} appeared in the log; returns it, or null. */
    String awaitLog(Duration timeout, String... texts) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String text : texts) {
                if (seen.containsKey(text)) {
                    return text;
                }
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return null;
    }

    String log() {
        return ServerProcess.read(log);
    }

    /** {@code VmRSS} and {@code VmHWM} (peak) of the process in kB, from {@code /proc/<pid>/status}. */
    long[] residentKb() throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid()), "status"), StandardCharsets.UTF_8);
        return new long[] {procField(status, "VmRSS"), procField(status, "VmHWM")};
    }

    private static long procField(String status, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+) kB").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A full collection ({@code jcmd GC.run}), then the heap in use in kB as {@code jcmd GC.heap_info} says. */
    long heapUsedAfterFullGcKb() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new BenchHttp.Failed("no 'used' in jcmd GC.heap_info");
        }
        return Long.parseLong(m.group(1));
    }

    /** The first {@code lines} lines of {@code jcmd GC.class_histogram} (largest classes first). */
    String histogram(int lines) throws Exception {
        String[] all = jcmd("GC.class_histogram").split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, 0, Math.min(all.length, lines)));
    }

    private String jcmd(String command) throws Exception {
        Path out = dir.resolve("jcmd.out");
        return ServerProcess.run(ServerProcess.capturingOutput(out, List.of(JCMD.toString(), Long.toString(pid()),
                command)), out, "jcmd " + command, TOOL_MILLIS);
    }

    /** Reads the log as it grows and notes when each watched text first appears. */
    private void watch() {
        long offset = 0;
        String carry = "";
        while (!closed) {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long length = file.length();
                if (length > offset) {
                    byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                    file.seek(offset);
                    file.readFully(bytes);
                    offset += bytes.length;
                    String text = carry + new String(bytes, StandardCharsets.ISO_8859_1);
                    long now = System.nanoTime();
                    for (String watched : WATCHED) {
                        if (text.contains(watched)) {
                            seen.putIfAbsent(watched, now);
                        }
                    }
                    carry = text.substring(Math.max(0, text.length() - 64));
                    continue;
                }
            } catch (IOException e) {
                // not created yet
            }
            try {
                Thread.sleep(20); // a polling pause of the log reader; only the timing resolution depends on it
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        ServerProcess.stop(process, 15_000);
    }
}
