package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.directory.SearchObserver;
import org.galdav.support.DavClient;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * Liveness and readiness, apart: {@code /health/live} answers 200 whenever the process serves, whatever the
 * directory does; {@code /health/ready} answers 503 until the directory answers and every book's first
 * listing is done (held back here by a search observer that blocks the listing until released), then 200.
 */
class HealthTest {
    /** Threads that list books at start: the warm-up, and a book's change tracker. */
    private static boolean listing(Thread thread) {
        return thread.getName().startsWith("galdav-warm-up") || thread.getName().startsWith("galdav-tracker-");
    }

    @Test
    void readyOnlyOnceTheFirstListingIsDoneAndLiveThroughout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SearchObserver holdListings = (filter, entries, pages, nanos) -> {
            if (listing(Thread.currentThread())) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(20, 3, 0));
             GaldavServer server = TestServers.start(DirectoryScenariosTest.pointingAt(directory), holdListings,
                     TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo").anonymous();
            try {
                assertThat(client.get("/health/live").statusCode()).isEqualTo(200);
                HttpResponse<String> waiting = client.get("/health/ready");
                assertThat(waiting.statusCode()).isEqualTo(503);
                assertThat(waiting.body()).isEqualTo("not ready: first listing not done yet: directory\n");
                assertThat(client.get("/health").statusCode()).as("the directory answers").isEqualTo(200);
            } finally {
                release.countDown();
            }
            assertThat(server.readiness().awaitListings(Duration.ofSeconds(60))).isTrue();
            HttpResponse<String> ready = client.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(ready.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(client.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDirectoryThatIsDownLeavesTheProcessLiveButNotReady() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("ldap.url", "ldap://127.0.0.1:" + closed);
        settings.put("ldap.base-dn", "dc=example,dc=com");
        // Without the warm-up no listing is awaited: readiness is the directory's alone.
        settings.put("cache.warm-up", false);
        try (GaldavServer server = TestServers.start(settings, SearchObserver.NONE, TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo").anonymous();
            HttpResponse<String> live = client.get("/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("live\n");
            HttpResponse<String> ready = client.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("not ready: directory unreachable\n");
        }
    }
}
