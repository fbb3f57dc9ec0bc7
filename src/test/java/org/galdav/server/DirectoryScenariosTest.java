package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;


import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.FakeTime;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/** The server against directories that misbehave: size limits, outages, changes. */
class DirectoryScenariosTest {
    private static final String BOOK = "/addressbooks/directory/";

    static Map<String, Object> pointingAt(DemoDirectory directory) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("ldap.url", directory.url());
        settings.put("ldap.bind-dn", DemoCompany.SERVICE_DN);
        settings.put("ldap.bind-password", DemoCompany.SERVICE_PASSWORD);
        settings.put("ldap.base-dn", directory.baseDn());
        settings.put("ldap.page-size", 40);
        return settings;
    }

    @Test
    void aServerSizeLimitBelowTheDirectorySizeStillListsEverything() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(250, 7, 100));
             GaldavServer server = TestServers.start(pointingAt(directory), new ArrayList<>(), TimeSource.SYSTEM)) {
            // countEntriesBelow is not subject to the size limit; minus the two OU entries themselves.
            int published = directory.server().countEntriesBelow(DemoCompany.PEOPLE_DN)
                    + directory.server().countEntriesBelow(DemoCompany.GROUPS_DN) - 2;
            assertThat(published).isGreaterThan(250);
            DavClient client = new DavClient(server.url(), "demo", "demo");
            Multistatus listing = Multistatus.parse(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body());
            assertThat(listing.responses()).hasSize(published + 1);
        }
    }

    @Test
    void aDeadDirectoryGives503NotAHangOrAStackTrace() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("ldap.url", "ldap://127.0.0.1:" + port);
        settings.put("ldap.base-dn", "dc=example,dc=com");
        settings.put("ldap.connect-timeout", "2s");
        try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            HttpResponse<String> response = client.propfind(BOOK, "0", Bodies.propfind("d:displayname"));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).doesNotContain("Exception", "at org.");
            assertThat(client.get("/health").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aChangedEntryShowsAfterTheCacheTtl() throws Exception {
        FakeTime time = new FakeTime();
        Map<String, Object> settings;
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(50, 3, 0))) {
            settings = pointingAt(directory);
            settings.put("cache.ttl", "60s");
            List<Filter> filters = new ArrayList<>();
            try (GaldavServer server = TestServers.start(settings, filters, time)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                String demoDn = directory.server().search(directory.baseDn(), SearchScope.SUB, "(uid=demo)")
                        .getSearchEntries().get(0).getDN();
                String uuid = directory.server().getEntry(demoDn, "entryUUID").getAttributeValue("entryUUID");
                String href = BOOK + uuid + ".vcf";
                HttpResponse<String> first = client.get(href);
                assertThat(first.statusCode()).isEqualTo(200);
                String etag = first.headers().firstValue("ETag").orElseThrow();
                String ctag = ctag(client);

                // A vertical tab, as pasted from an office program: not allowed in XML 1.0.
                directory.server().modify(demoDn, new Modification(ModificationType.REPLACE, "title", "Chief Demo Officer"),
                        new Modification(ModificationType.REPLACE, "description", "line one\u000bline two\u0001"));

                assertThat(client.get(href).headers().firstValue("ETag")).contains(etag);
                assertThat(ctag(client)).isEqualTo(ctag);
                time.advance(Duration.ofSeconds(61));
                HttpResponse<String> after = client.get(href);
                assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
                assertThat(org.galdav.support.Cards.parseOne(after.body()).getTitles().get(0).getValue())
                        .isEqualTo("Chief Demo Officer");
                assertThat(ctag(client)).isNotEqualTo(ctag);
                Multistatus multiget = Multistatus.parse(client.report(BOOK, "1",
                        Bodies.multiget("<C:address-data/>", href)).body());
                String note = org.galdav.support.Cards.parseOne(multiget.response(href)
                        .okText(Multistatus.CARD, "address-data")).getNotes().get(0).getValue();
                assertThat(note).isEqualTo("line one\nline two");
                assertThat(after.headers().firstValue("Last-Modified").orElseThrow())
                        .as("IMF-fixdate, two-digit day").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            }
        }
    }

    @Test
    void aBookExcludeFilterHidesEntriesEverywhere() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start(new DemoOptions(60, 5, 0))) {
            Map<String, Object> settings = pointingAt(directory);
            settings.put("books", com.typesafe.config.ConfigFactory.parseString("b = [{ id = directory, mapping = "
                    + "\"mappings/inetorgperson.conf\", exclude-filter = \"(uid=demo)\" }]").getList("b").unwrapped());
            try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
                DavClient client = new DavClient(server.url(), "demo", "demo");
                String demoDn = directory.server().search(directory.baseDn(), SearchScope.SUB, "(uid=demo)")
                        .getSearchEntries().get(0).getDN();
                String href = BOOK + directory.server().getEntry(demoDn, "entryUUID").getAttributeValue("entryUUID") + ".vcf";
                Multistatus listing = Multistatus.parse(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body());
                assertThat(listing.hrefs()).hasSizeGreaterThan(60).doesNotContain(href);
                assertThat(client.get(href).statusCode()).isEqualTo(404);
                Multistatus search = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                        "<C:filter><C:prop-filter name='NICKNAME'><C:text-match match-type='equals'>demo</C:text-match>"
                                + "</C:prop-filter></C:filter>", null)).body());
                assertThat(search.responses()).isEmpty();
            }
        }
    }

    @Test
    void anonymousReadServesAPublicDirectoryWithoutCredentials() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 40, "http.anonymous-read", true),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient anonymous = new DavClient(server.url(), null, null);
            Multistatus root = Multistatus.parse(anonymous.propfind("/", "0",
                    Bodies.propfind("d:current-user-principal")).body());
            assertThat(root.response("/").ok(Multistatus.DAV, "current-user-principal")).isPresent();
            Multistatus listing = Multistatus.parse(anonymous.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body());
            assertThat(listing.responses()).hasSizeGreaterThan(40);
            assertThat(anonymous.send("PUT", BOOK + "x.vcf", "BEGIN:VCARD\r\nEND:VCARD\r\n").statusCode()).isEqualTo(403);
            assertThat(new DavClient(server.url(), "demo", "wrong").propfind(BOOK, "0", Bodies.propfind("d:getetag"))
                    .statusCode()).as("wrong credentials are still refused").isEqualTo(401);
        }
    }

    private static String ctag(DavClient client) {
        return Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind("cs:getctag")).body())
                .response(BOOK).okText(org.galdav.support.Multistatus.CS, "getctag");
    }

}
