package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.galdav.core.TimeSource;
import org.galdav.support.Bodies;
import org.galdav.support.Multistatus;
import org.galdav.support.TestKeyStores;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server can terminate TLS itself, with a key store from the configuration, and speaks only TLS 1.2 and
 * 1.3 with forward-secret suites.
 */
class HttpsTest {
    @Test
    void servesHttpsWithTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "server.p12", List.of("ip:127.0.0.1", "dns:localhost"), "-keyalg",
                "EC", "-groupname", "secp256r1");

        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "http.tls.key-store", store.toString(),
                "http.tls.key-store-password", "changeit"), new ArrayList<>(), TimeSource.SYSTEM)) {
            assertThat(server.url()).startsWith("https://");
            HttpClient client = HttpClient.newBuilder().sslContext(TestKeyStores.trusting(TestKeyStores.certificate(store))).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "addressbooks/directory/"))
                    .method("PROPFIND", HttpRequest.BodyPublishers.ofString(Bodies.propfind("d:displayname")))
                    .header("Depth", "0")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(207);
            assertThat(Multistatus.parse(response.body()).response("/addressbooks/directory/")
                    .okText(Multistatus.DAV, "displayname")).isEqualTo("Company directory");
        }
    }

    /**
     * With an RSA certificate, static-RSA key exchange would be possible: a client offering only
     * {@code TLS_RSA_WITH_AES_128_CBC_SHA} ("AES128-SHA") is refused, one offering an ECDHE suite is served,
     * and so is a TLS 1.3 client; TLS 1.1 is refused.
     */
    @Test
    void onlyForwardSecretSuitesOnTls12And13(@TempDir Path dir) throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "server.p12", List.of("ip:127.0.0.1", "dns:localhost"), "-keyalg",
                "RSA", "-keysize", "2048");
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.tls.key-store", store.toString(), "http.tls.key-store-password", "changeit"), new ArrayList<>(),
                TimeSource.SYSTEM)) {
            URI uri = URI.create(server.url());
            SSLContext trust = TestKeyStores.trusting(TestKeyStores.certificate(store));
            assertThat(handshake(trust, uri, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                    .isEqualTo("TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
            assertThat(handshake(trust, uri, "TLSv1.3", "TLS_AES_128_GCM_SHA256"))
                    .isEqualTo("TLSv1.3 TLS_AES_128_GCM_SHA256");
            assertThat(handshake(trust, uri, "TLSv1.2", "TLS_RSA_WITH_AES_128_CBC_SHA")).isEqualTo("refused");
            assertThat(handshake(trust, uri, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")).isEqualTo("refused");
            assertThat(handshake(trust, uri, "TLSv1.1", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")).isEqualTo("refused");
        }
    }

    /** The protocol and suite a client offering only these agrees on with the server, or "refused". */
    private static String handshake(SSLContext context, URI server, String protocol, String suite) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(60_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            try {
                socket.startHandshake();
                socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).startsWith("HTTP/1.1 200");
                return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
            } catch (SSLException e) {
                return "refused";
            }
        }
    }

    /** Trusts exactly the generated certificate, so the test also proves the chain is served. */
}
