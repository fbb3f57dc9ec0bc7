package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * Throttled logins over HTTP: guesses end in 429 with {@code Retry-After}, the real user from another client
 * (told apart by the trusted proxy's {@code X-Forwarded-For}) is served, and every spelling of a login that the
 * directory accepts is the one principal the entry names.
 */
class LoginThrottlingTest {
    @Test
    void guessesEndIn429WithRetryAfterWhileTheRealUserIsServed() {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient guesser = new DavClient(server.url(), "demo", "guess");
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 30; i++) {
                last = guesser.as("demo", "guess" + i).send("PROPFIND", "/", Bodies.propfind("d:current-user-principal"),
                        "Depth", "0", "X-Forwarded-For", "203.0.113.66");
                statuses.add(last.statusCode());
            }
            assertThat(statuses.subList(0, 5)).containsOnly(401);
            assertThat(statuses.subList(5, 30)).containsOnly(429);
            assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
            assertThat(last.headers().firstValue("WWW-Authenticate")).isEmpty();

            HttpResponse<String> real = new DavClient(server.url(), "demo", "demo").send("PROPFIND", "/",
                    Bodies.propfind("d:current-user-principal"), "Depth", "0", "X-Forwarded-For", "192.0.2.10");
            assertThat(real.statusCode()).isEqualTo(207);
        }
    }

    @Test
    void everySpellingOfALoginIsTheOnePrincipalOfItsEntry() {
        DavClient demo = TestServers.demoClient();
        for (String spelling : new String[] {"demo", "demo ", "DEMO"}) {
            HttpResponse<String> response = demo.as(spelling, "demo").propfind("/", "0",
                    Bodies.propfind("d:current-user-principal"));
            assertThat(response.statusCode()).as(spelling).isEqualTo(207);
            assertThat(Multistatus.text(Multistatus.children(Multistatus.parse(response.body()).response("/")
                    .ok(Multistatus.DAV, "current-user-principal").orElseThrow(), Multistatus.DAV, "href").get(0)))
                    .as(spelling).isEqualTo("/principals/demo/");
        }
        assertThat(demo.propfind("/principals/demo/", "0", Bodies.propfind("d:displayname")).statusCode()).isEqualTo(207);
        assertThat(demo.propfind("/principals/DEMO/", "0", Bodies.propfind("d:displayname")).statusCode()).isEqualTo(404);
        assertThat(demo.propfind("/principals/demo%20/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(404);
    }
}
