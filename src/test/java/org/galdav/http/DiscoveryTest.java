package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.CARD;
import static org.galdav.support.Multistatus.DAV;

import java.net.http.HttpResponse;
import java.util.List;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** RFC 6764 bootstrapping, RFC 5397 current-user-principal, RFC 6352 §7 home set, OPTIONS and auth. */
class DiscoveryTest {
    private final DavClient client = TestServers.demoClient();

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PROPFIND", "OPTIONS", "HEAD"})
    void wellKnownRedirectsWithoutCredentials(String method) {
        HttpResponse<String> response = client.anonymous().send(method, "/.well-known/carddav", null, "Depth", "0");
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/");
    }

    @Test
    void optionsAdvertisesCardDavAndOnlyReadMethods() {
        HttpResponse<String> response = client.anonymous().send("OPTIONS", "/addressbooks/directory/", null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> dav = splitHeader(response.headers().firstValue("DAV").orElseThrow());
        assertThat(dav).contains("1", "3", "access-control", "addressbook").doesNotContain("2");
        assertThat(splitHeader(response.headers().firstValue("Allow").orElseThrow()))
                .containsExactlyInAnyOrder("OPTIONS", "GET", "HEAD", "PROPFIND", "REPORT");
    }

    /** RFC 6352 §3 requires WebDAV ACL (RFC 3744): every resource says so, as clients look on any of them. */
    @Test
    void everyResourceAdvertisesAccessControl() {
        for (String path : List.of("/", "/principals/", "/principals/demo/", "/addressbooks/",
                "/addressbooks/directory/", "/addressbooks/directory/anything.vcf")) {
            HttpResponse<String> response = client.anonymous().send("OPTIONS", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(splitHeader(response.headers().firstValue("DAV").orElseThrow())).as(path)
                    .contains("access-control", "addressbook");
        }
    }

    @Test
    void requestsWithoutCredentialsGet401WithBasicChallenge() {
        HttpResponse<String> response = client.anonymous().propfind("/", "0", Bodies.propfind("d:current-user-principal"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=\"galdav\"");
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() {
        assertThat(client.as("demo", "wrong").propfind("/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(401);
        assertThat(client.as("nobody-here", "demo").propfind("/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(401);
        assertThat(client.as("demo", "").propfind("/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void rootPointsToThePrincipalWhichPointsToTheHome() {
        Multistatus root = Multistatus.parse(client.propfind("/", "0",
                Bodies.propfind("d:current-user-principal", "d:resourcetype", "d:principal-collection-set")).body());
        Multistatus.Response rootResponse = root.response("/");
        String principal = href(rootResponse.ok(DAV, "current-user-principal").orElseThrow());
        assertThat(principal).isEqualTo("/principals/demo/");
        assertThat(href(rootResponse.ok(DAV, "principal-collection-set").orElseThrow())).isEqualTo("/principals/");

        Multistatus principalProps = Multistatus.parse(client.propfind(principal, "0", Bodies.propfind(
                "d:resourcetype", "d:displayname", "d:principal-URL", "card:addressbook-home-set",
                "d:current-user-principal", "d:principal-collection-set")).body());
        Multistatus.Response p = principalProps.response(principal);
        Element type = p.ok(DAV, "resourcetype").orElseThrow();
        assertThat(Multistatus.hasChild(type, DAV, "principal")).isTrue();
        assertThat(Multistatus.hasChild(type, DAV, "collection")).isTrue();
        assertThat(href(p.ok(DAV, "principal-URL").orElseThrow())).isEqualTo(principal);
        assertThat(p.okText(DAV, "displayname")).isNotBlank();
        String home = href(p.ok(CARD, "addressbook-home-set").orElseThrow());
        assertThat(home).isEqualTo("/addressbooks/");

        Multistatus homeListing = Multistatus.parse(client.propfind(home, "1",
                Bodies.propfind("d:resourcetype", "d:displayname")).body());
        assertThat(homeListing.hrefs()).containsExactly("/addressbooks/", "/addressbooks/directory/");
        Element bookType = homeListing.response("/addressbooks/directory/").ok(DAV, "resourcetype").orElseThrow();
        assertThat(Multistatus.hasChild(bookType, CARD, "addressbook")).isTrue();
    }

    @Test
    void anotherUsersPrincipalIsNotFound() {
        assertThat(client.propfind("/principals/someone-else/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void unknownPathsAre404() {
        assertThat(client.propfind("/nowhere/", "0", Bodies.propfind("d:displayname")).statusCode()).isEqualTo(404);
        assertThat(client.propfind("/addressbooks/nobook/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void everyCollectionCarriesCurrentUserPrincipal() {
        for (String path : List.of("/", "/principals/", "/principals/demo/", "/addressbooks/", "/addressbooks/directory/")) {
            Multistatus ms = Multistatus.parse(client.propfind(path, "0", Bodies.propfind("d:current-user-principal")).body());
            assertThat(href(ms.response(path).ok(DAV, "current-user-principal").orElseThrow()))
                    .as(path).isEqualTo("/principals/demo/");
        }
    }

    static String href(Element property) {
        List<Element> hrefs = Multistatus.children(property, DAV, "href");
        assertThat(hrefs).hasSize(1);
        return Multistatus.text(hrefs.get(0)).trim();
    }

    private static List<String> splitHeader(String value) {
        return List.of(value.split("\\s*,\\s*"));
    }
}
