package org.galdav.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the real server (the packaged jar, in its own JVM) within a bounded time whatever is in
 * flight. Here a request waits for a directory that stopped answering (a frozen proxy in front of an
 * LDAP server that would make it wait ten minutes, {@code ldap.operation-timeout}); before, Undertow waited
 * for it and the process needed SIGKILL. Now new requests get 503, the request in flight gets
 * {@code http.shutdown-grace} (2 s here), then its work is ended, the process logs one line about the stop and
 * exits by itself. The waits below only guard against a hang; nothing is timed.
 */
class ShutdownIT {
    private static final Path JAR = Path.of("target/galdav.jar");
    private static final Pattern LISTENING = Pattern.compile("galdav listening on (http://\\S+/)");
    private static final long HANG_GUARD_MILLIS = 60_000;

    @Test
    void sigtermEndsARequestStuckOnAHungDirectoryAndTheProcessExits(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the shaded jar, built by mvn package before the integration tests").exists();
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(20, 42, 0));
             FreezableProxy proxy = FreezableProxy.to(directory.port())) {
            Path log = dir.resolve("galdav.log");
            Process galdav = ServerProcess.capturingOutput(log, List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-Dldap.url=ldap://127.0.0.1:" + proxy.port(), "-Dldap.base-dn=" + directory.baseDn(),
                    "-Dldap.bind-dn=" + DemoCompany.SERVICE_DN, "-Dldap.bind-password=" + DemoCompany.SERVICE_PASSWORD,
                    // Long LDAP waits (the interactive one too, where the outage work bounds it), so that only
                    // the stop can end the request: the grace (2 s) runs out while it still waits.
                    "-Dldap.operation-timeout=10m", "-Dldap.request-timeout=10m",
                    "-Dhttp.port=0", "-Dhttp.shutdown-grace=2s",
                    "-Dcache.warm-up=false", "-Dsync.state-dir=" + dir.resolve("state"),
                    "-jar", JAR.toString())).start();
            try {
                String url = awaitListening(galdav, log);
                proxy.freeze();
                try (RawHttp stuck = new RawHttp(url)) {
                    // The login is checked against the directory (an LDAP search for uid=demo): it never answers.
                    stuck.send(stuck.head("PROPFIND", "/", "Depth: 0", "Content-Length: 0"));
                    awaitSwallowed(galdav, proxy, "demo", log);

                    galdav.destroy(); // SIGTERM
                    assertThat(galdav.waitFor(HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS))
                            .as("galdav exited by itself after SIGTERM; its log:\n%s", ServerProcess.tail(
                                    ServerProcess.read(log), 40)).isTrue();
                    assertThat(galdav.exitValue()).as("ended by SIGTERM").isEqualTo(143);
                    assertThat(ServerProcess.read(log)).contains("requests still in flight after 2s; ending their work");
                    // One line sums the stop up: how long it took, and the one request whose work was ended.
                    assertThat(ServerProcess.read(log).lines().filter(l -> l.contains("galdav stop")))
                            .singleElement().asString().matches(".* INFO  Main - galdav stopped in \\d+\\.\\d s; "
                                    + "1 request abandoned");
                    assertStoppedOrClosed(stuck);
                }
            } finally {
                ServerProcess.kill(galdav, false); // only if the assertion above failed
            }
        }
    }

    /** The stuck client got its 503, or its connection was closed: never left waiting. */
    private static void assertStoppedOrClosed(RawHttp stuck) {
        try {
            RawHttp.Answer answer = stuck.answer();
            assertThat(answer.status()).isEqualTo(503);
        } catch (UncheckedIOException e) {
            assertThat(e).hasMessageContaining("closed");
        }
    }

    private static String awaitListening(Process galdav, Path log) throws InterruptedException {
        long polls = HANG_GUARD_MILLIS / 100;
        for (long i = 0; i < polls; i++) {
            Matcher m = LISTENING.matcher(ServerProcess.read(log));
            if (m.find()) {
                return m.group(1);
            }
            if (galdav.waitFor(100, TimeUnit.MILLISECONDS)) {
                break; // exited
            }
        }
        throw new IllegalStateException("galdav did not start; its log:\n" + ServerProcess.read(log));
    }

    private static void awaitSwallowed(Process galdav, FreezableProxy proxy, String text, Path log)
            throws InterruptedException {
        long polls = HANG_GUARD_MILLIS / 100;
        for (long i = 0; i < polls && !proxy.swallowedText(text); i++) {
            if (galdav.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("galdav exited; its log:\n" + ServerProcess.read(log));
            }
        }
        assertThat(proxy.swallowedText(text)).as("the request's LDAP search reached the frozen directory").isTrue();
        assertThat(Files.exists(log)).isTrue();
    }
}
