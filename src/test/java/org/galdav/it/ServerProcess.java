package org.galdav.it;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Stateless helpers for the test fixtures that run a private directory server as a child of the
 * JVM: output capture, free port, random password, readiness polling, running a tool to its end,
 * root bind, SIGTERM/wait/SIGKILL stop, shutdown hook, recursive delete of a temporary directory.
 * {@link PrivateDirectoryServer} holds the state and lifecycle built from them.
 */
public final class ServerProcess {

    /** How long the shutdown hook waits for a killed server to go away. */
    private static final long KILL_WAIT_SECONDS = 2;
    /** How long a tool that ran out of time gets to exit after SIGTERM, before SIGKILL. */
    private static final long TOOL_STOP_MILLIS = 10_000;

    private ServerProcess() {
    }

    /** Opens an LDAP connection with the given connect timeout. */
    @FunctionalInterface
    public interface Connector {
        LDAPConnection connect(int timeoutMillis) throws LDAPException;
    }

    /** The server could not bind the port or address we picked (someone else took it in between). */
    public static final class PortTakenException extends Exception {
        public PortTakenException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- starting

    /**
     * A builder for {@code command} with stdin from {@code /dev/null} and stdout and stderr both
     * going to {@code log}.
     */
    public static ProcessBuilder capturingOutput(Path log, List<String> command) {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** A currently free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code prefix} followed by 20 random characters from an unambiguous alphanumeric alphabet. */
    public static String randomPassword(String prefix) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Polls until {@code bindDn} can bind, with pauses growing from {@code firstPauseMillis} to
     * {@code maxPauseMillis} (each pause ends early if the process exits).
     *
     * @param name the server's name in failure messages, e.g. {@code slapd}
     * @param portTaken given the server's output after it exited, whether it failed because its
     *     port or address was taken
     * @throws PortTakenException the process exited and {@code portTaken} holds for its output
     * @throws IllegalStateException the process exited otherwise, or did not answer within
     *     {@code timeoutMillis}; the message includes its output
     */
    public static void awaitReady(Process process, String name, String url, long timeoutMillis,
            long firstPauseMillis, long maxPauseMillis, Connector connector, String bindDn, String password,
            Supplier<String> output, Predicate<String> portTaken) throws PortTakenException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        LDAPException last = null;
        long pause = firstPauseMillis;
        while (true) {
            if (!process.isAlive()) {
                String out = output.get();
                String msg = name + " exited with status " + process.exitValue() + " before answering on "
                        + url + "; its output:\n" + out;
                if (portTaken.test(out)) {
                    throw new PortTakenException(msg);
                }
                throw new IllegalStateException(msg);
            }
            try (LDAPConnection c = connector.connect(500)) {
                c.bind(bindDn, password);
                return;
            } catch (LDAPException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer on " + url + " within "
                        + timeoutMillis + " ms (last error: " + last + "); its output:\n" + output.get(), last);
            }
            // Doubles as the poll pause and an early exit detector.
            process.waitFor(pause, TimeUnit.MILLISECONDS);
            pause = Math.min(pause * 2, maxPauseMillis);
        }
    }

    /**
     * Waits for {@code process}, whose output goes to {@code log}, to end; if it has not within
     * {@code timeoutMillis}, stops it (as {@link #stop}) and throws with the end of its output.
     *
     * @return its exit status
     */
    public static int awaitExit(Process process, Path log, String what, long timeoutMillis)
            throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            stop(process, TOOL_STOP_MILLIS);
            throw new IllegalStateException(what + " did not finish within " + timeoutMillis
                    + " ms; its output:\n" + tail(read(log), 80));
        }
        return process.exitValue();
    }

    /**
     * Runs {@code builder}, whose output goes to {@code log}, to its end and returns that output;
     * throws with the output if it fails or does not finish within {@code timeoutMillis}.
     */
    public static String run(ProcessBuilder builder, Path log, String what, long timeoutMillis)
            throws IOException, InterruptedException {
        int status = awaitExit(builder.start(), log, what, timeoutMillis);
        String output = read(log);
        if (status != 0) {
            throw new IllegalStateException(what + " failed with status " + status + "; its output:\n" + output);
        }
        return output;
    }

    /** The last {@code lines} lines of {@code text}, marked as cut if there were more. */
    public static String tail(String text, int lines) {
        String[] all = text.split("\n");
        if (all.length <= lines) {
            return text;
        }
        return "[...]\n" + String.join("\n", Arrays.copyOfRange(all, all.length - lines, all.length));
    }

    // ---------------------------------------------------------------- talking to it

    /** Connect timeout {@code timeoutMillis}, response timeout at least {@code minResponseTimeoutMillis}. */
    public static LDAPConnectionOptions connectionOptions(int timeoutMillis, int minResponseTimeoutMillis) {
        LDAPConnectionOptions o = new LDAPConnectionOptions();
        o.setConnectTimeoutMillis(timeoutMillis);
        o.setResponseTimeoutMillis(Math.max(timeoutMillis, minResponseTimeoutMillis));
        return o;
    }

    /** Binds {@code c} as {@code dn} and returns it; closes it if the bind fails. */
    public static LDAPConnection bound(LDAPConnection c, String dn, String password) throws LDAPException {
        try {
            c.bind(dn, password);
            return c;
        } catch (LDAPException e) {
            c.close();
            throw e;
        }
    }

    /** The captured output in {@code file} (ISO-8859-1, so any bytes), or "" if there is none yet. */
    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }

    // ---------------------------------------------------------------- stopping

    /** Registers {@code action} as a JVM shutdown hook running in a thread called {@code name}. */
    public static Thread addShutdownHook(Runnable action, String name) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Unregisters {@code hook}, unless the JVM is already shutting down (then it runs anyway). */
    public static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook runs anyway
        }
    }

    /**
     * SIGTERM, then SIGKILL if the process has not exited after {@code timeoutMillis}, waiting as
     * long again. If interrupted, kills at once and restores the interrupt flag.
     *
     * @return {@code false} if interrupted
     */
    public static boolean stop(Process process, long timeoutMillis) {
        process.destroy();
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * For shutdown hooks: no grace period, SIGKILL ({@code sigtermOnly}: SIGTERM) and a wait of at
     * most 2 s for the process to go away.
     */
    public static void kill(Process process, boolean sigtermOnly) {
        if (sigtermOnly) {
            process.destroy();
        } else {
            process.destroyForcibly();
        }
        try {
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Deletes {@code root} and everything below it, best effort: a leftover temporary directory must
     * not fail a test. Symbolic links are deleted, never followed.
     */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp dir must not fail a test
        }
    }
}
