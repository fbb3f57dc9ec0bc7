package org.galdav.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.DAV;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.w3c.dom.Element;

/** sync-collection as a client does it, and the oracle incremental answers are checked against. */
public final class SyncChecks {
    private SyncChecks() {
    }

    /**
     * Settings for a server that must see directory changes through its change feed alone: it asks on
     * every request, its own state directory, and a listing cache that never expires during a test (so
     * without the feed the changes would go unseen).
     */
    public static Map<String, Object> followingChanges(Map<String, Object> settings, Path scratch) throws Exception {
        settings.put("sync.state-dir", Files.createTempDirectory(scratch, "state").toString());
        settings.put("sync.poll-interval", "0s");
        settings.put("cache.ttl", "1h");
        settings.put("cache.warm-up", false);
        return settings;
    }

    /** What one sync answered: changed hrefs with their ETags, removed hrefs, the new token. */
    public record Answer(Map<String, String> changed, List<String> removed, String token) {
    }

    public static Answer sync(DavClient client, String book, String token) {
        return answer(syncRequest(client, book, token));
    }

    /** Sends a sync-collection for {@code getetag} with {@code token} ("" for the initial sync). */
    public static HttpResponse<String> syncRequest(DavClient client, String book, String token) {
        return client.report(book, "1", "<D:sync-collection xmlns:D='DAV:'><D:sync-token>"
                + token + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>");
    }

    /** The answer to {@link #syncRequest}, which must be a 207. */
    public static Answer answer(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        Multistatus ms = Multistatus.parse(response.body());
        Map<String, String> changed = new TreeMap<>();
        List<String> removed = new ArrayList<>();
        for (Multistatus.Response r : ms.responses()) {
            if (r.propstats().isEmpty()) {
                assertThat(r.status()).contains("HTTP/1.1 404 Not Found");
                removed.add(r.href());
            } else {
                changed.put(r.href(), r.okText(DAV, "getetag"));
            }
        }
        List<Element> tokens = Multistatus.children(ms.root(), DAV, "sync-token");
        assertThat(tokens).hasSize(1);
        return new Answer(changed, removed, Multistatus.text(tokens.get(0)).trim());
    }

    /**
     * What a server that never saw the book before lists now (change tracking off, its own state), as
     * href → ETag: the truth an incremental answer must lead to.
     */
    public static Map<String, String> freshListing(Map<String, Object> settings, Path scratch, String login,
                                                   String password, String book) throws Exception {
        Map<String, Object> fresh = new HashMap<>(settings);
        fresh.put("sync.state-dir", Files.createTempDirectory(scratch, "fresh").toString());
        fresh.put("sync.change-tracking", "off");
        fresh.put("cache.warm-up", false);
        try (GaldavServer server = TestServers.start(fresh, new CopyOnWriteArrayList<>(), TimeSource.SYSTEM)) {
            return sync(new DavClient(server.url(), login, password), book, "").changed();
        }
    }

    /** Checks that an incremental answer is exactly the difference between two full listings. */
    public static void assertExactly(Answer incremental, Map<String, String> before, Map<String, String> after) {
        Map<String, String> expectedChanged = new TreeMap<>();
        after.forEach((href, etag) -> {
            if (!etag.equals(before.get(href))) {
                expectedChanged.put(href, etag);
            }
        });
        List<String> expectedRemoved = before.keySet().stream().filter(h -> !after.containsKey(h)).sorted().toList();
        assertThat(incremental.changed()).as("changed cards and their new ETags").isEqualTo(expectedChanged);
        assertThat(incremental.removed()).as("removed cards").containsExactlyInAnyOrderElementsOf(expectedRemoved);
    }
}
