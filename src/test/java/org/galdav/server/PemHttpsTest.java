package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.galdav.core.TimeSource;
import org.galdav.support.RawTls;
import org.galdav.support.TestPki;
import org.galdav.support.TestPki.Issued;
import org.galdav.support.TestPki.KeyFormat;
import org.galdav.support.TestServers;
import org.galdav.support.TlsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * HTTPS from the PEM files an internal CA or certbot hand out: a root CA, an intermediate, and the server's
 * certificate with an RSA or EC key. The client trusts only the root, so a handshake that succeeds proves the
 * intermediate was sent too; it also checks which certificate the server presented.
 */
class PemHttpsTest {
    @TempDir
    Path dir;
    private Issued root;
    private Issued intermediate;
    private Path chain;
    private Path key;

    @BeforeEach
    void pki() throws Exception {
        root = TestPki.ca("Test Root", "RSA");
        intermediate = TestPki.intermediate(root, "Test Intermediate", "EC");
        chain = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
    }

    private Issued issue(String keyType, Duration validity) throws Exception {
        return TestPki.server(intermediate, keyType, validity, "dns:localhost", "ip:127.0.0.1");
    }

    private void write(Issued server, KeyFormat format) throws Exception {
        TestPki.writeCertificates(chain, server.certificate(), intermediate.certificate());
        TestPki.writeKey(key, server.keys(), format);
    }

    private GaldavServer start(Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.tls.certificate", chain.toString(), "http.tls.private-key", key.toString(),
                "http.tls.reload-interval", "0s"));
        settings.putAll(more);
        return TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM);
    }

    private SSLContext trustingRoot() throws Exception {
        return TestPki.trusting(root.certificate());
    }

    /** PKCS#1 ("BEGIN RSA PRIVATE KEY") and SEC1 ("BEGIN EC PRIVATE KEY") keys, each with the full chain. */
    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void servesTheCertificateOfPemFilesWithItsChain(String keyType) throws Exception {
        Issued server = issue(keyType, Duration.ofDays(10));
        write(server, KeyFormat.TRADITIONAL);
        assertThat(Files.readAllLines(key).get(0)).isEqualTo("-----BEGIN " + keyType + " PRIVATE KEY-----");

        try (GaldavServer galdav = start(Map.of());
             TlsClient client = new TlsClient(trustingRoot(), galdav.url())) {
            assertThat(galdav.url()).startsWith("https://");
            assertThat(client.peerChain()).containsExactly(server.certificate(), intermediate.certificate());
            assertThat(client.peer().getPublicKey().getAlgorithm()).isEqualTo(keyType);
            assertThat(client.request("GET", "/health").status()).isEqualTo(200);
        }
    }

    /**
     * A renewal replaces the files while the server runs: once they are read again, new connections get the new
     * certificate (here even another key type), a connection opened before keeps its own and is still served,
     * and the expiry metric follows.
     */
    @Test
    void aRenewedCertificateReachesNewConnectionsWithoutARestart() throws Exception {
        Issued first = issue("EC", Duration.ofDays(10));
        write(first, KeyFormat.PKCS8);
        assertThat(Files.readAllLines(key).get(0)).isEqualTo("-----BEGIN PRIVATE KEY-----");
        try (GaldavServer galdav = start(Map.of())) {
            CertificateReloader reloader = galdav.front().tls().orElseThrow().reloader();
            try (TlsClient before = new TlsClient(trustingRoot(), galdav.url())) {
                assertThat(before.peer()).isEqualTo(first.certificate());
                assertThat(expiryMetric(galdav, trustingRoot())).isEqualTo(first.certificate().getNotAfter().getTime() / 1000);
                assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.UNCHANGED);

                Issued renewed = issue("RSA", Duration.ofDays(40));
                write(renewed, KeyFormat.TRADITIONAL);
                assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.RELOADED);

                try (TlsClient after = new TlsClient(trustingRoot(), galdav.url())) {
                    assertThat(after.peer()).isEqualTo(renewed.certificate());
                }
                assertThat(before.request("GET", "/health").status()).isEqualTo(200);
                assertThat(before.peer()).isEqualTo(first.certificate());
                assertThat(expiryMetric(galdav, trustingRoot())).isEqualTo(renewed.certificate().getNotAfter().getTime() / 1000);
                assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.UNCHANGED);
            }
        }
    }

    /** TLS 1.1 is refused by the server itself (a hand-made hello: the JDK client would not even offer it). */
    @Test
    void tls11IsRefusedAndTls12Served() throws Exception {
        write(issue("RSA", Duration.ofDays(10)), KeyFormat.PKCS8);
        try (GaldavServer galdav = start(Map.of())) {
            URI uri = URI.create(galdav.url());
            assertThat(RawTls.hello(uri.getHost(), uri.getPort(), RawTls.TLS_1_2))
                    .isEqualTo(new RawTls.Answer("handshake", 2));
            assertThat(RawTls.hello(uri.getHost(), uri.getPort(), RawTls.TLS_1_1))
                    .isEqualTo(new RawTls.Answer("alert", 70));
        }
    }

    @Test
    void aClientThatTrustsOnlyAnotherCaIsRefused() throws Exception {
        write(issue("EC", Duration.ofDays(10)), KeyFormat.PKCS8);
        Issued stranger = TestPki.ca("Stranger", "EC");
        try (GaldavServer galdav = start(Map.of())) {
            assertThatThrownBy(
                    () -> new TlsClient(TestPki.trusting(stranger.certificate()), galdav.url()).close())
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    /**
     * Broken new files keep the certificate in use: garbage, then a key of another certificate. Each change is
     * logged once, as one error line, however often the unchanged broken files are read again; repaired files
     * are served.
     */
    @Test
    void aBrokenReplacementKeepsTheCertificateAndIsLoggedOncePerChange() throws Exception {
        Issued first = issue("EC", Duration.ofDays(10));
        write(first, KeyFormat.TRADITIONAL);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(CertificateReloader.class);
        log.start();
        logger.addAppender(log);
        try (GaldavServer galdav = start(Map.of())) {
            CertificateReloader reloader = galdav.front().tls().orElseThrow().reloader();
            TestPki.replace(chain, "this is not a certificate\n");
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.REFUSED);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.STILL_REFUSED);
            assertThat(errors(log)).singleElement().asString().contains("http.tls.certificate", chain.toString(),
                    "no certificate", "still serving CN=localhost");
            assertServed(galdav, first);

            Issued other = issue("EC", Duration.ofDays(20));
            TestPki.writeCertificates(chain, other.certificate(), intermediate.certificate());
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.REFUSED);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.STILL_REFUSED);
            assertThat(errors(log)).hasSize(2).last().asString().contains("http.tls.private-key",
                    "does not belong to the first certificate");
            assertServed(galdav, first);
            assertThat(expiryMetric(galdav, trustingRoot())).isEqualTo(first.certificate().getNotAfter().getTime() / 1000);

            TestPki.writeKey(key, other.keys(), KeyFormat.PKCS8);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.RELOADED);
            assertServed(galdav, other);
            assertThat(errors(log)).hasSize(2);
        } finally {
            logger.detachAppender(log);
        }
    }

    private void assertServed(GaldavServer galdav, Issued expected) throws Exception {
        try (TlsClient client = new TlsClient(trustingRoot(), galdav.url())) {
            assertThat(client.peer()).isEqualTo(expected.certificate());
        }
    }

    /** Each error line as it reads (one line: no stack trace attached). */
    private static java.util.List<String> errors(ListAppender<ILoggingEvent> log) {
        return log.list.stream().filter(e -> e.getLevel() == Level.ERROR).peek(e -> assertThat(e.getThrowableProxy())
                .isNull()).map(ILoggingEvent::getFormattedMessage).peek(m -> assertThat(m).doesNotContain("\n")).toList();
    }

    /** The value of galdav_tls_certificate_expiry_seconds in /metrics. */
    static long expiryMetric(GaldavServer galdav, SSLContext trust) throws Exception {
        String body;
        try (TlsClient client = new TlsClient(trust, galdav.url())) {
            body = client.request("GET", "/metrics").body();
        }
        String line = body.lines().filter(l -> l.startsWith("galdav_tls_certificate_expiry_seconds "))
                .findFirst().orElseThrow(() -> new AssertionError("no expiry metric in:\n" + body));
        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
    }
}
