package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: a DAV client must never receive the setup page. Each client's Accept header, as its HTTP stack
 * sends it, on the requests it makes: discovery and listing PROPFINDs, a card GET, and a GET of the server
 * URL (which some clients try first). Every answer is the DAV one, never HTML.
 */
class DavClientsNeverGetHtmlTest {
    /** The Accept header each client sends; null: the client sends none. */
    static Stream<Arguments> clients() {
        return Stream.of(
                // DAVx5 (dav4jvm on OkHttp): vCard 4 preferred on GET; OkHttp adds no Accept of its own.
                Arguments.of("DAVx5 GET", "text/vcard;version=4.0, text/vcard;charset=utf-8;q=0.8, text/vcard;q=0.5"),
                Arguments.of("DAVx5 PROPFIND", null),
                // iOS and macOS Contacts (CFNetwork's default), Thunderbird (Gecko's default for its requests).
                Arguments.of("iOS / macOS", "*/*"),
                Arguments.of("Thunderbird", "*/*"),
                // Evolution (libsoup adds none), Outlook CalDav Synchronizer (.NET HttpClient adds none).
                Arguments.of("Evolution", null),
                Arguments.of("CalDav Synchronizer", null),
                // vdirsyncer (aiohttp's default), curl, tsdav (node-fetch's default).
                Arguments.of("vdirsyncer", "*/*"),
                Arguments.of("curl", "*/*"),
                Arguments.of("tsdav", "*/*"),
                // vCard 3 asked for explicitly, as by CardBook.
                Arguments.of("CardBook", "text/vcard"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void everyDavAnswerStaysDav(String client, String accept) {
        DavClient dav = TestServers.demoClient();
        for (String path : List.of("/", "/principals/demo/", "/addressbooks/", "/addressbooks/directory/")) {
            HttpResponse<String> found = dav.send("PROPFIND", path, Bodies.propfind("d:displayname"), "Depth", "0",
                    "Accept", accept);
            assertThat(found.statusCode()).as(client + " PROPFIND " + path).isEqualTo(207);
            assertThat(found.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            Multistatus.parse(found.body());

            HttpResponse<String> get = dav.get(path, "Accept", accept);
            assertThat(get.headers().firstValue("Content-Type").orElse(""))
                    .as(client + " GET " + path).startsWith("text/plain").doesNotContain("html");
            assertThat(get.body()).doesNotContainIgnoringCase("<html");
        }
        String card = dav.memberHrefs("/addressbooks/directory/").get(0);
        HttpResponse<String> vcard = dav.get(card, "Accept", accept);
        assertThat(vcard.statusCode()).isEqualTo(200);
        assertThat(vcard.headers().firstValue("Content-Type").orElse("")).as(client + " GET card")
                .startsWith("text/vcard");
        assertThat(vcard.body()).startsWith("BEGIN:VCARD");
    }
}
