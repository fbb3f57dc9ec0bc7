package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.FakeTime;
import org.galdav.support.Multistatus;
import org.galdav.support.Scrapes;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * What the alerting rules (conf/monitoring/galdav-alerts.yml) read, through a directory outage: the directory
 * gauge drops with the first failure, and the book's run of failed polls grows only while polls keep failing.
 */
class AlertMetricsTest {
    private static final String BOOK = "/addressbooks/directory/";
    private static final String DIRECTORY = "{book=\"directory\"}";

    @Test
    void aDirectoryOutageShowsInTheDirectoryAndChangeTrackingMetrics() throws Exception {
        FakeTime time = new FakeTime();
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(30, 5, 0));
             GaldavServer server = TestServers.start(settings(directory), new ArrayList<>(), time)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            // The first listing is waited for, so its success is dated when the answer comes.
            assertThat(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).statusCode()).isEqualTo(207);
            Map<String, Double> up = metrics(client);
            assertThat(up.get("galdav_directory_up")).isEqualTo(1.0);
            assertThat(up.get("galdav_sync_tracking_active" + DIRECTORY)).isEqualTo(1.0);
            assertThat(up.get("galdav_sync_last_success_seconds" + DIRECTORY)).isEqualTo(time.now().getEpochSecond());
            assertThat(up.get("galdav_sync_poll_interval_seconds")).isEqualTo(15.0);
            assertThat(up.get("galdav_sync_failures_total" + DIRECTORY)).isZero();

            directory.server().shutDown(true);
            time.advance(Duration.ofSeconds(16));
            String ctag = ctag(client);
            Map<String, Double> first = metrics(client);
            assertThat(first.get("galdav_directory_up")).isZero();
            assertThat(first.get("galdav_sync_failures_total" + DIRECTORY)).isEqualTo(1.0);
            assertThat(first.get("galdav_sync_failing_seconds" + DIRECTORY)).as("one failure is no run").isZero();

            time.advance(Duration.ofSeconds(100));
            assertThat(ctag(client)).as("the last listing still answers").isEqualTo(ctag);
            time.advance(Duration.ofSeconds(100));
            ctag(client);
            Map<String, Double> stalled = metrics(client);
            assertThat(stalled.get("galdav_sync_failures_total" + DIRECTORY)).isEqualTo(3.0);
            assertThat(stalled.get("galdav_sync_failing_seconds" + DIRECTORY))
                    .as("above the alert's 10 x 15 s").isEqualTo(200.0);
            assertThat(stalled.get("galdav_sync_last_success_seconds" + DIRECTORY))
                    .isEqualTo(up.get("galdav_sync_last_success_seconds" + DIRECTORY));
        }
    }

    private static Map<String, Object> settings(DemoDirectory directory) {
        Map<String, Object> settings = DirectoryScenariosTest.pointingAt(directory);
        settings.put("cache.warm-up", false);
        settings.put("sync.poll-interval", "15s");
        return settings;
    }

    private static String ctag(DavClient client) {
        return Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind("cs:getctag")).body())
                .response(BOOK).okText(Multistatus.CS, "getctag");
    }

    private static Map<String, Double> metrics(DavClient client) {
        return Scrapes.samples(client.get("/metrics").body());
    }
}
