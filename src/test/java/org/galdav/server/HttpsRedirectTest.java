package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.support.RawHttp;
import org.galdav.support.TestPki;
import org.galdav.support.TestPki.Issued;
import org.galdav.support.TestServers;
import org.galdav.support.TlsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With HTTPS on: every HTTPS answer carries HSTS (RFC 6797 §6.1); the redirect port answers every request with
 * 308 to the same path over HTTPS, and nothing else — no DAV, no login, no HSTS.
 */
class HttpsRedirectTest {
    @TempDir
    Path dir;
    private Issued ca;

    private GaldavServer start(Map<String, Object> more) throws Exception {
        Issued ca = TestPki.ca("Redirect CA", "EC");
        Issued server = TestPki.server(ca, "EC", Duration.ofDays(5), "dns:localhost", "ip:127.0.0.1");
        Path chain = TestPki.writeCertificates(dir.resolve("chain.pem"), server.certificate(), ca.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), server.keys(), TestPki.KeyFormat.PKCS8);
        Map<String, Object> settings = new HashMap<>(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.tls.certificate", chain.toString(), "http.tls.private-key", key.toString(),
                "http.tls.redirect-port", 0));
        settings.putAll(more);
        this.ca = ca;
        return TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM);
    }

    @Test
    void theRedirectPortAnswers308ToTheSamePathOverHttpsAndNothingElse() throws Exception {
        try (GaldavServer galdav = start(Map.of())) {
            int https = URI.create(galdav.url()).getPort();
            String plain = plainUrl(galdav);
            for (String method : new String[] {"GET", "PROPFIND", "REPORT"}) {
                try (RawHttp http = new RawHttp(plain)) {
                    RawHttp.Answer answer = http.send(method + " /addressbooks/directory/?a=b%20c HTTP/1.1\r\n"
                            + "Host: contacts.example:8080\r\nContent-Length: 0\r\n\r\n").answer();
                    assertThat(answer.status()).as(method).isEqualTo(308);
                    assertThat(answer.header("Location"))
                            .isEqualTo("https://contacts.example:" + https + "/addressbooks/directory/?a=b%20c");
                    assertThat(answer.body()).isEmpty();
                    assertThat(answer.header("Cache-Control")).as("follows Host: never cached for others")
                            .isEqualTo("no-store");
                    assertThat(answer.headers()).doesNotContainKeys("strict-transport-security", "www-authenticate",
                            "dav", "etag");
                }
            }
            try (RawHttp http = new RawHttp(plain)) {
                RawHttp.Answer answer = http.send("GET /health HTTP/1.1\r\nHost: [::1]\r\n\r\n").answer();
                assertThat(answer.header("Location")).isEqualTo("https://[::1]:" + https + "/health");
            }
            try (RawHttp http = new RawHttp(plain)) {
                // A Host that is no host name is never echoed: the address the request came in on stands in.
                RawHttp.Answer answer = http.send("GET /metrics HTTP/1.1\r\nHost: evil!$example\r\n\r\n").answer();
                assertThat(answer.status()).isEqualTo(308);
                assertThat(answer.header("Location")).isEqualTo("https://127.0.0.1:" + https + "/metrics");
            }
        }
    }

    @Test
    void theRedirectGoesToThePublicUrlWhenSet() throws Exception {
        try (GaldavServer galdav = start(Map.of("http.public-url", "https://contacts.example.com/"));
             RawHttp http = new RawHttp(plainUrl(galdav))) {
            RawHttp.Answer answer = http.send("GET /.well-known/carddav HTTP/1.1\r\nHost: other:80\r\n\r\n").answer();
            assertThat(answer.status()).isEqualTo(308);
            assertThat(answer.header("Location")).isEqualTo("https://contacts.example.com/.well-known/carddav");
        }
    }

    @Test
    void everyHttpsAnswerCarriesHsts() throws Exception {
        try (GaldavServer galdav = start(Map.of());
             TlsClient client = new TlsClient(TestPki.trusting(ca.certificate()), galdav.url())) {
            RawHttp.Answer health = client.request("GET", "/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            RawHttp.Answer dav = client.request("PROPFIND", "/addressbooks/directory/");
            assertThat(dav.status()).isNotEqualTo(308);
            assertThat(dav.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        }
    }

    @Test
    void hstsCanBeTurnedOff() throws Exception {
        try (GaldavServer galdav = start(Map.of("http.tls.hsts-max-age", "0s"));
             TlsClient client = new TlsClient(TestPki.trusting(ca.certificate()), galdav.url())) {
            RawHttp.Answer health = client.request("GET", "/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.headers()).doesNotContainKey("strict-transport-security");
        }
    }

    private static String plainUrl(GaldavServer galdav) {
        InetSocketAddress address = galdav.front().redirectAddress().orElseThrow();
        return "http://127.0.0.1:" + address.getPort() + "/";
    }
}
