package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.galdav.core.TimeSource;
import org.galdav.support.Bodies;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server can terminate TLS itself, with a key store from the configuration. */
class HttpsTest {
    @Test
    void servesHttpsWithTheConfiguredCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "galdav", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();

        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "http.tls.key-store", store.toString(),
                "http.tls.key-store-password", "changeit"), new ArrayList<>(), TimeSource.SYSTEM)) {
            assertThat(server.url()).startsWith("https://");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(store)).build();
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

    /** Trusts exactly the generated certificate, so the test also proves the chain is served. */
    private static SSLContext trusting(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("galdav", (X509Certificate) keys.getCertificate("galdav"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
