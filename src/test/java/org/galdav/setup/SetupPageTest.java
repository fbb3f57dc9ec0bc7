package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.ScriptNamedUser;
import org.galdav.support.TestServers;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The setup page over real HTTP, parsed as HTML: what a browser gets after the Basic login, for that user
 * only, with every directory value escaped.
 */
class SetupPageTest {
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    static final String SCRIPT = ScriptNamedUser.NAME;
    private static GaldavServer server;
    private static DavClient demo;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(Map.of("demo.people", 30, "cache.warm-up", false), new ArrayList<>(),
                TimeSource.SYSTEM);
        ScriptNamedUser.addTo(server.demo().orElseThrow());
        demo = new DavClient(server.url(), "demo", "demo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Document page(DavClient client, String path) {
        HttpResponse<String> response = client.get(path, "Accept", BROWSER);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        return Jsoup.parse(response.body(), server.url());
    }

    @Test
    void aBrowserMustLogInFirst() {
        HttpResponse<String> response = demo.anonymous().get("/", "Accept", BROWSER);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
    }

    @Test
    void showsTheServerUrlTheLoginTheBooksAndEveryClient() {
        Document page = page(demo, "/");
        assertThat(page.selectFirst("h1").text()).isNotBlank();
        assertThat(page.getElementById("server-url").text()).isEqualTo(server.url());
        assertThat(page.getElementById("login").text()).isEqualTo("demo");
        assertThat(page.getElementById("display-name").text()).isEqualTo("Demo User");

        Element synced = page.getElementById("book-directory");
        assertThat(synced.selectFirst("th").text()).isEqualTo("Company directory");
        assertThat(synced.select("td").get(0).text()).as("as many as the DAV listing has")
                .isEqualTo(Integer.toString(demo.memberHrefs("/addressbooks/directory/").size()));
        assertThat(synced.selectFirst("time").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        Element gateway = page.getElementById("book-search");
        assertThat(gateway.select("td").last().text()).isEqualTo("search only");
        assertThat(page.getElementById("search-only")).isNotNull();

        for (String client : List.of("ios", "macos", "davx5", "thunderbird", "evolution", "outlook", "command-line")) {
            Element section = page.getElementById(client);
            assertThat(section).as(client).isNotNull();
            assertThat(section.selectFirst("h3")).as(client + " heading").isNotNull();
            assertThat(section.select("a[href^=/setup/guides/]")).as(client + " guide link").isNotEmpty();
            assertThat(section.text()).as(client).contains("demo");
        }
        assertThat(page.getElementById("davx5").text()).contains(server.url());
        assertThat(page.getElementById("outlook").text()).contains(server.url() + "addressbooks/directory/")
                .doesNotContain("addressbooks/search/");
        assertThat(page.getElementById("ios").text()).contains(URI.create(server.url()).getAuthority());
        assertThat(page.getElementById("profile-link").attr("href")).isEqualTo("/setup/galdav.mobileconfig");
        assertThat(page.getElementById("profile-unsigned")).as("plain HTTP: the page says it is unsigned").isNotNull();
        assertThat(page.getElementById("plain-http")).isNotNull();
        Element qr = page.getElementById("qr");
        assertThat(qr.attr("src")).isEqualTo("/setup/qr.png");
        assertThat(qr.attr("alt")).contains(server.url());
        assertThat(page.select("script")).as("no JavaScript").isEmpty();
        assertThat(page.select("link[rel=stylesheet]").attr("href")).isEqualTo("/setup/style.css");
    }

    @Test
    void accessibleStructure() {
        Document page = page(demo, "/");
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.select("meta[name=viewport]")).isNotEmpty();
        assertThat(page.select("img")).allSatisfy(img -> assertThat(img.attr("alt")).isNotBlank());
        assertThat(page.select("table caption")).isNotEmpty();
        assertThat(page.select("thead th")).allSatisfy(th -> assertThat(th.attr("scope")).isEqualTo("col"));
        // Headings never skip a level (h1, then h2, then h3).
        int previous = 0;
        for (Element heading : page.select("h1, h2, h3, h4, h5, h6")) {
            int level = heading.tagName().charAt(1) - '0';
            assertThat(level).as(heading.text()).isLessThanOrEqualTo(previous + 1);
            previous = level;
        }
    }

    @Test
    void everyCollectionUrlGivesABrowserTheSamePageAndTheHeadersOfAPersonalPage() {
        for (String path : List.of("/setup/", "/principals/demo/", "/addressbooks/", "/addressbooks/directory/")) {
            assertThat(page(demo, path).getElementById("login").text()).as(path).isEqualTo("demo");
        }
        HttpResponse<String> response = demo.get("/", "Accept", BROWSER);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'").doesNotContain("script-src"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept"));
    }

    @Test
    void directoryValuesAreEscapedAndOnlyTheCallersOwnDataShows() {
        DavClient client = demo.as("mallory", "mallory");
        HttpResponse<String> response = client.get("/principals/demo/", "Accept", BROWSER);
        assertThat(response.body()).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("script")).isEmpty();
        assertThat(page.getElementById("display-name").text()).isEqualTo(SCRIPT);
        assertThat(page.getElementById("login").text()).as("the caller's page, whatever principal URL").isEqualTo(
                "mallory");
        assertThat(page.text()).doesNotContain("Demo User");
    }

    @Test
    void theStyleSheetIsServedWithCacheHeadersAndOtherMethodsAreRefused() {
        HttpResponse<String> css = demo.get("/setup/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("private, max-age=86400");
        assertThat(css.body()).contains("body {");

        HttpResponse<String> post = demo.send("POST", "/setup/", "x");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(demo.get("/setup/nothing-here").statusCode()).isEqualTo(404);
        assertThat(demo.get("/setup/guides/../../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void aTrustedProxysForwardingHeadersNameThePublicUrl() {
        // The test's connections come from 127.0.0.1, a trusted proxy by default (http.trusted-proxies).
        Document page = Jsoup.parse(demo.get("/", "Accept", BROWSER, "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "contacts.example.com").body());
        assertThat(page.getElementById("server-url").text()).isEqualTo("https://contacts.example.com/");
        assertThat(page.getElementById("plain-http")).isNull();
        assertThat(page.getElementById("outlook").text()).contains("https://contacts.example.com/addressbooks/directory/");
    }
}
