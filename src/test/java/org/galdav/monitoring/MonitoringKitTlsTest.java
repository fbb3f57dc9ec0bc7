package org.galdav.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        X509Certificate certificate = TestKeyStores.certificate(store);
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.tls.key-store", store.toString(), "http.tls.key-store-password", TestKeyStores.PASSWORD),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            assertThat(server.url()).startsWith("https://");
            HttpClient client = HttpClient.newBuilder().sslContext(TestKeyStores.trusting(certificate)).build();
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
}
