package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.DAV;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.FakeTime;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** RFC 6578 sync-collection: initial sync, changes with deletions, limits, bad tokens, restarts, instances. */
class SyncCollectionTest {
    private static final String BOOK = "/addressbooks/directory/";

    @TempDir
    Path state;

    @Test
    void reportsExactlyWhatChangedIncludingDeletionsAcrossRestartsAndInstances() throws Exception {
        FakeTime time = new FakeTime();
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(50, 17, 0))) {
            Map<String, Object> settings = settings(directory);
            String token;
            Set<String> all;
            String modified;
            String deleted;
            String added;
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), time)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                Multistatus first = sync(client, "", null, "1");
                all = hrefs(first);
                assertThat(all).hasSizeGreaterThan(50);
                first.responses().forEach(r -> assertThat(r.okText(DAV, "getetag")).startsWith("\""));
                token = tokenOf(first);
                assertThat(token).startsWith("http://galdav.org/ns/sync/directory/");
                assertThat(bookToken(client)).isEqualTo(token);

                Multistatus again = sync(client, token, null, null);
                assertThat(again.responses()).as("nothing changed").isEmpty();
                assertThat(tokenOf(again)).as("same token while nothing changes").isEqualTo(token);

                // One change, one addition, one deletion, one group membership change.
                List<Entry> people = directory.server().search(DemoCompany.PEOPLE_DN, SearchScope.ONE, "(uid=*)",
                        "entryUUID", "uid").getSearchEntries().stream().map(e -> (Entry) e).toList();
                Entry changedPerson = people.stream().filter(e -> !e.getAttributeValue("uid").equals("demo")).findFirst().orElseThrow();
                Entry deletedPerson = people.stream().filter(e -> !e.getAttributeValue("uid").equals("demo")).skip(1).findFirst().orElseThrow();
                directory.server().modify(changedPerson.getDN(), new Modification(ModificationType.REPLACE, "title", "New Title"));
                directory.server().delete(deletedPerson.getDN());
                com.unboundid.ldap.sdk.AddRequest add = new com.unboundid.ldap.sdk.AddRequest(new Entry(
                        "uid=newbie," + DemoCompany.PEOPLE_DN, new Attribute("objectClass", "top", "person",
                        "organizationalPerson", "inetOrgPerson"), new Attribute("uid", "newbie"), new Attribute("cn", "New Bie"),
                        new Attribute("sn", "Bie"), new Attribute("entryUUID", "00000000-0000-4000-8000-00000000abcd")));
                add.addControl(new IgnoreNoUserModificationRequestControl());
                directory.server().add(add);
                modified = BOOK + changedPerson.getAttributeValue("entryUUID") + ".vcf";
                deleted = BOOK + deletedPerson.getAttributeValue("entryUUID") + ".vcf";
                added = BOOK + "00000000-0000-4000-8000-00000000abcd.vcf";

                time.advance(Duration.ofMinutes(6)); // past the cache TTL
                Multistatus changes = sync(client, token, null, "1");
                Map<String, Multistatus.Response> byHref = changes.responses().stream()
                        .collect(Collectors.toMap(Multistatus.Response::href, r -> r));
                assertThat(byHref.keySet()).contains(modified, deleted, added);
                assertThat(byHref.get(deleted).status()).contains("HTTP/1.1 404 Not Found");
                assertThat(byHref.get(deleted).propstats()).isEmpty();
                assertThat(byHref.get(modified).okText(DAV, "getetag")).isNotBlank();
                assertThat(byHref.get(added).okText(DAV, "getetag")).isNotBlank();
                // Groups whose member was deleted changed too; nothing else did.
                assertThat(byHref.keySet().stream().filter(h -> !Set.of(modified, deleted, added).contains(h))
                        .allMatch(h -> all.contains(h))).isTrue();
                String next = tokenOf(changes);
                assertThat(next).isNotEqualTo(token);
                assertThat(sync(client, next, null, null).responses()).isEmpty();
                token = next;
            }
            // A restart (same state directory): the token still works.
            try (GaldavServer restarted = TestServers.start(settings, new ArrayList<>(), time)) {
                DavClient client = new DavClient(restarted.url(), "demo", "demo");
                Multistatus afterRestart = sync(client, token, null, null);
                assertThat(afterRestart.responses()).isEmpty();
                assertThat(tokenOf(afterRestart)).isEqualTo(token);
                // Two instances on one directory and state: a token from one works on the other.
                try (GaldavServer second = TestServers.start(settings, new ArrayList<>(), time)) {
                    DavClient other = new DavClient(second.url(), "demo", "demo");
                    assertThat(tokenOf(sync(other, token, null, null))).isEqualTo(token);
                    assertThat(bookToken(other)).isEqualTo(token);
                }
            }
        }
    }

    @Test
    void limitsTruncateWithA507AndATokenToContinueFrom() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(40, 3, 0));
             GaldavServer server = TestServers.start(settings(directory), new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            Set<String> all = hrefs(sync(client, "", null, null));
            Set<String> seen = new TreeSet<>();
            String token = "";
            for (int round = 0; round < 100; round++) {
                Multistatus part = sync(client, token, "10", "0");
                Set<String> hrefs = hrefs(part);
                assertThat(hrefs.size()).isLessThanOrEqualTo(10);
                seen.addAll(hrefs);
                token = tokenOf(part);
                boolean truncated = part.responses().stream().anyMatch(r -> r.href().equals(BOOK));
                if (!truncated) {
                    break;
                }
                Element error = Multistatus.children(part.response(BOOK).element(), DAV, "error").get(0);
                assertThat(Multistatus.hasChild(error, DAV, "number-of-matches-within-limits")).isTrue();
            }
            assertThat(seen).isEqualTo(all);
            assertThat(sync(client, token, null, null).responses()).isEmpty();
        }
    }

    @Test
    void badTokensAreRefusedSoClientsSyncAfresh() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(40, 3, 0));
             GaldavServer server = TestServers.start(settings(directory), new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            for (String token : List.of("garbage", "http://galdav.org/ns/sync/otherbook/AAAAAAAAAAAAAAAAAAAAAA",
                    "http://galdav.org/ns/sync/directory/AAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "data:,x")) {
                HttpResponse<String> response = client.report(BOOK, "0", body(token, null));
                assertThat(response.statusCode()).as(token).isEqualTo(403);
                assertThat(Multistatus.hasChild(Multistatus.parseXml(response.body()), DAV, "valid-sync-token")).isTrue();
            }
            // Thunderbird starts over (new token, full ETag comparison) only after a 400; it keeps retrying after 403.
            HttpResponse<String> thunderbird = client.send("REPORT", BOOK, body("garbage", null), "Depth", "1",
                    "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0");
            assertThat(thunderbird.statusCode()).isEqualTo(400);
            assertThat(Multistatus.hasChild(Multistatus.parseXml(thunderbird.body()), DAV, "valid-sync-token")).isTrue();
            HttpResponse<String> evolution = client.send("REPORT", BOOK, body("garbage", null), "Depth", "1",
                    "User-Agent", "Evolution/3.46.4");
            assertThat(evolution.statusCode()).isEqualTo(403);
            Element reports = Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind("d:supported-report-set"))
                    .body()).response(BOOK).ok(DAV, "supported-report-set").orElseThrow();
            assertThat(reports.getTextContent()).isEmpty();
            assertThat(Multistatus.children(reports, DAV, "supported-report").stream()
                    .map(sr -> AddressBookPropfindTest.firstElement(Multistatus.children(sr, DAV, "report").get(0)).getLocalName()))
                    .contains("sync-collection");
        }
    }

    private Map<String, Object> settings(DemoDirectory directory) throws Exception {
        Map<String, Object> settings = TestServers.pointingAt(directory.url(), DemoCompany.SERVICE_DN,
                DemoCompany.SERVICE_PASSWORD, directory.baseDn());
        settings.put("sync.state-dir", Files.createDirectories(state.resolve("s")).toString());
        settings.put("cache.warm-up", false);
        return settings;
    }

    private static Multistatus sync(DavClient client, String token, String limit, String depth) {
        HttpResponse<String> response = client.report(BOOK, depth, body(token, limit));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        return Multistatus.parse(response.body());
    }

    private static String body(String token, String limit) {
        return "<D:sync-collection xmlns:D='DAV:'>" + (limit == null ? "" : "<D:limit><D:nresults>" + limit
                + "</D:nresults></D:limit>") + "<D:sync-token>" + token + "</D:sync-token><D:sync-level>1</D:sync-level>"
                + "<D:prop><D:getetag/></D:prop></D:sync-collection>";
    }

    private static String tokenOf(Multistatus ms) {
        List<Element> tokens = Multistatus.children(ms.root(), DAV, "sync-token");
        assertThat(tokens).hasSize(1);
        return Multistatus.text(tokens.get(0)).trim();
    }

    private static String bookToken(DavClient client) {
        return Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind("d:sync-token")).body())
                .response(BOOK).okText(DAV, "sync-token");
    }

    private static Set<String> hrefs(Multistatus ms) {
        return ms.responses().stream().map(Multistatus.Response::href).filter(h -> !h.equals(BOOK))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
