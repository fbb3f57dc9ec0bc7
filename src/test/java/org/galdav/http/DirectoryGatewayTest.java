package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.CARD;
import static org.galdav.support.Multistatus.CS;
import static org.galdav.support.Multistatus.DAV;

import com.typesafe.config.ConfigFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * How iOS and macOS search a company directory: the directory gateway (draft-daboo-carddav-directory-
 * gateway-02) and principal-property-search (RFC 3744 §9.4) with principal-search-property-set (§9.5).
 */
class DirectoryGatewayTest {
    private static final String GAL = "/addressbooks/gal/";
    private static GaldavServer server;
    private static DavClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("demo.people", 120);
        settings.put("books", ConfigFactory.parseString("b = [{ id = directory, mapping = \"mappings/inetorgperson.conf\" },"
                + " { id = gal, display-name = \"Global Address List\", mapping = \"mappings/inetorgperson.conf\","
                + " directory-gateway = true }]").getList("b").unwrapped());
        server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM);
        client = new DavClient(server.url(), "demo", "demo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePrincipalPointsAtTheGatewayWhichIsNotListed() {
        Multistatus.Response principal = Multistatus.parse(client.propfind("/principals/demo/", "0",
                Bodies.propfind("card:directory-gateway", "card:addressbook-home-set")).body()).response("/principals/demo/");
        List<String> gateways = Multistatus.children(principal.ok(CARD, "directory-gateway").orElseThrow(), DAV, "href")
                .stream().map(Multistatus::text).toList();
        assertThat(gateways).containsExactly(GAL);

        Multistatus home = Multistatus.parse(client.propfind("/addressbooks/", "1", Bodies.propfind("d:resourcetype")).body());
        assertThat(home.hrefs()).containsExactly("/addressbooks/", "/addressbooks/directory/");

        Multistatus gal = Multistatus.parse(client.propfind(GAL, "1", Bodies.propfind("d:resourcetype", "d:displayname")).body());
        assertThat(gal.hrefs()).as("a gateway is searched, never listed").containsExactly(GAL);
        Element type = gal.response(GAL).ok(DAV, "resourcetype").orElseThrow();
        assertThat(Multistatus.hasChild(type, CARD, "addressbook")).isTrue();
        assertThat(Multistatus.hasChild(type, CARD, "directory")).isTrue();
    }

    @Test
    void theGatewayAnswersTheQueryIosSends() {
        String query = "<C:addressbook-query xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:carddav'>"
                + "<D:prop><D:getetag/><C:address-data/></D:prop>"
                + "<C:filter test='anyof'>"
                + prop("NICKNAME") + prop("FN") + prop("EMAIL") + prop("ADR") + prop("ORG") + prop("TEL")
                + "</C:filter><C:limit><C:nresults>5</C:nresults></C:limit></C:addressbook-query>";
        Multistatus ms = Multistatus.parse(client.report(GAL, "1", query).body());
        List<Multistatus.Response> cards = ms.responses().stream().filter(r -> !r.href().equals(GAL)).toList();
        assertThat(cards).hasSize(5).allSatisfy(r -> assertThat(r.href()).startsWith(GAL));
        assertThat(ms.response(GAL).status()).contains("HTTP/1.1 507 Insufficient Storage");
    }

    @Test
    void principalSearchPropertySetListsNameAndMail() {
        HttpResponse<String> response = client.report("/principals/", "0",
                "<D:principal-search-property-set xmlns:D='DAV:'/>");
        assertThat(response.statusCode()).isEqualTo(200);
        Element root = Multistatus.parseXml(response.body());
        assertThat(root.getLocalName()).isEqualTo("principal-search-property-set");
        List<String> props = Multistatus.children(root, DAV, "principal-search-property").stream()
                .map(p -> AddressBookPropfindTest.firstElement(Multistatus.children(p, DAV, "prop").get(0)).getLocalName())
                .toList();
        assertThat(props).containsExactlyInAnyOrder("displayname", "email-address-set");
    }

    @Test
    void principalPropertySearchFindsOtherUsersWhoseNameMatches() {
        String body = "<D:principal-property-search xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:carddav' test='anyof'>"
                + "<D:property-search><D:prop><D:displayname/></D:prop><D:match match-type='starts-with'>a</D:match>"
                + "</D:property-search><D:prop><D:displayname/><C:addressbook-home-set/></D:prop>"
                + "<D:apply-to-principal-collection-set/></D:principal-property-search>";
        Multistatus ms = Multistatus.parse(client.report("/principals/", "0", body).body());
        assertThat(ms.responses()).isNotEmpty();
        for (Multistatus.Response r : ms.responses()) {
            assertThat(r.href()).startsWith("/principals/").endsWith("/");
            assertThat(r.okText(DAV, "displayname").toLowerCase(java.util.Locale.ROOT)).startsWith("a");
            assertThat(DiscoveryTest.href(r.ok(CARD, "addressbook-home-set").orElseThrow())).isEqualTo("/addressbooks/");
        }
        String other = ms.responses().get(0).href();
        Multistatus.Response principal = Multistatus.parse(client.propfind(other, "0",
                Bodies.propfind("d:displayname", "cs:email-address-set")).body()).response(other);
        assertThat(principal.okText(DAV, "displayname")).isEqualTo(ms.responses().get(0).okText(DAV, "displayname"));
        assertThat(Multistatus.children(principal.ok(CS, "email-address-set").orElseThrow(), CS, "email-address"))
                .isNotEmpty();
    }

    @Test
    void principalSearchByMailAndHostileInput() {
        String byMail = "<D:principal-property-search xmlns:D='DAV:' xmlns:CS='http://calendarserver.org/ns/'>"
                + "<D:property-search><D:prop><CS:email-address-set/></D:prop><D:match>demo@</D:match>"
                + "</D:property-search><D:prop><D:displayname/></D:prop></D:principal-property-search>";
        Multistatus ms = Multistatus.parse(client.report("/principals/", "0", byMail).body());
        assertThat(ms.hrefs()).contains("/principals/demo/");
        String hostile = byMail.replace("demo@", "*)(uid=*");
        assertThat(Multistatus.parse(client.report("/principals/", "0", hostile).body()).responses()).isEmpty();
        HttpResponse<String> onBook = client.report(GAL, "0", byMail);
        assertThat(onBook.statusCode()).isEqualTo(403);
    }

    private static String prop(String name) {
        return "<C:prop-filter name='" + name + "'><C:text-match collation='i;unicode-casemap' match-type='contains'>"
                + "a</C:text-match></C:prop-filter>";
    }
}
