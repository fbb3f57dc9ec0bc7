package org.galdav.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Scrapes;
import org.galdav.support.TestKeyStores;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one metric of the monitoring kit that exists only with HTTPS: the certificate expiry the certificate
 * alerts and the dashboard read. The gauge is added by the TLS part of issue 13, so this test fails on a
 * branch without it and passes once both are merged.
 */
class MonitoringKitTlsTest {
    @Test
    void anHttpsServerExportsItsCertificatesExpiry(@TempDir Path dir) throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "server.p12", List.of("ip:127.0.0.1", "dns:localhost"), "-keyalg",
                "EC", "-groupname", "secp256r1");
        X509Certificate certificate = certificate(store);
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.tls.key-store", store.toString(), "http.tls.key-store-password", TestKeyStores.PASSWORD),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            assertThat(server.url()).startsWith("https://");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.url() + "metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            assertThat(Scrapes.names(response.body())).contains(MonitoringKit.CERTIFICATE_EXPIRY);
            assertThat(Scrapes.samples(response.body()).entrySet()).filteredOn(
                            sample -> sample.getKey().startsWith(MonitoringKit.CERTIFICATE_EXPIRY))
                    .extracting(Map.Entry::getValue)
                    .containsOnly((double) certificate.getNotAfter().toInstant().getEpochSecond());
        }
    }

    private static X509Certificate certificate(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, TestKeyStores.PASSWORD.toCharArray());
        }
        return (X509Certificate) keys.getCertificate("galdav");
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("galdav", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
