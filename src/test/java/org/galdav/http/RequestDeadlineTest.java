package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.FakeTime;
import org.galdav.support.RawHttp;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every request's work has a deadline (http.request-timeout on the server's clock): work that outlasts it
 * is stopped and answered 503 with Retry-After. Stopping the server ends the work in flight within a
 * bounded time. The clock is a FakeTime that each LDAP search moves forward: nothing sleeps.
 */
class RequestDeadlineTest {

    @Test
    void workThatOutlastsTheDeadlineIs503WithRetryAfter() {
        FakeTime time = new FakeTime();
        // Every search "takes" two seconds, twice the deadline: the login's own search uses up the request's time.
        GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.request-timeout", "1s"), (filter, entries, pages, nanos) -> time.advance(Duration.ofSeconds(2)),
                time);
        try {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            HttpResponse<String> answer = client.report(CardTestSupport.BOOK, "1", Bodies.query(
                    "<C:filter><C:prop-filter name='FN'><C:text-match>a</C:text-match></C:prop-filter></C:filter>",
                    null));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(answer.body()).as("the whole body is the refusal, nothing of a multistatus")
                    .isEqualTo("The request took too long and was stopped; try again later.\n");
            assertThat(client.send("OPTIONS", "/", null).statusCode()).as("work without searches still fits")
                    .isEqualTo(200);
        } finally {
            server.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a measurement
    void requestsInFlightMayFinishWithinTheGraceWhileNewOnesAre503() throws Exception {
        GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.shutdown-grace", "50s"), new java.util.ArrayList<>(), org.galdav.core.TimeSource.SYSTEM);
        String body = Bodies.propfind("d:displayname");
        try (RawHttp inFlight = new RawHttp(server.url())) {
            inFlight.send(inFlight.head("PROPFIND", CardTestSupport.BOOK, "Depth: 0", "Content-Length: "
                    + body.length()) + body.substring(0, 10));
            DavClient client = new DavClient(server.url(), "demo", "demo");
            assertThat(client.propfind("/", "0", body).statusCode()).isEqualTo(207);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            int status = 207;
            for (int attempt = 0; attempt < 10_000 && status != 503; attempt++) {
                status = client.propfind("/", "0", body).statusCode(); // until the stop has begun
            }
            assertThat(status).as("new requests are refused once the server is stopping").isEqualTo(503);
            assertThat(closing).as("the request in flight holds the stop").isNotDone();
            RawHttp.Answer answer = inFlight.send(body.substring(10)).answer();
            assertThat(answer.status()).as("and is answered in full").isEqualTo(207);
            closing.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a measurement
    void stoppingEndsTheWorkInFlight() throws Exception {
        GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false,
                "http.shutdown-grace", "0s"), new java.util.ArrayList<>(), org.galdav.core.TimeSource.SYSTEM);
        try (RawHttp stuck = new RawHttp(server.url())) {
            // A request whose body never comes: its worker waits for it.
            stuck.send(stuck.head("PROPFIND", CardTestSupport.BOOK, "Depth: 0", "Content-Length: 1000")
                    + "<d:propfind xmlns:d='DAV:'>");
            DavClient client = new DavClient(server.url(), "demo", "demo");
            assertThat(client.propfind("/", "0", Bodies.propfind("d:displayname")).statusCode())
                    .as("the server is up, the stuck request in flight").isEqualTo(207);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            closing.get(60, TimeUnit.SECONDS);
            try {
                RawHttp.Answer answer = stuck.answer();
                assertThat(answer.status()).as("answered before its connection closed").isEqualTo(503);
                assertThat(answer.header("Retry-After")).isEqualTo("30");
            } catch (java.io.UncheckedIOException e) {
                assertThat(e).as("or its connection closed without an answer").hasMessageContaining("closed");
            }
            assertThat(stuck.closedByServer()).as("the stuck request's connection was closed").isTrue();
        }
    }
}
