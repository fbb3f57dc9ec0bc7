package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.CARD;
import static org.galdav.support.Multistatus.CS;
import static org.galdav.support.Multistatus.DAV;

import java.net.http.HttpResponse;
import java.util.List;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The address book collection's properties (RFC 6352 §6.2) and its member listing. */
class AddressBookPropfindTest {
    private static final String BOOK = "/addressbooks/directory/";
    private final DavClient client = TestServers.demoClient();

    @Test
    void bookHasTheCardDavProperties() {
        HttpResponse<String> response = client.propfind(BOOK, "0", Bodies.propfind("d:resourcetype", "d:displayname",
                "card:addressbook-description", "card:supported-address-data", "d:supported-report-set",
                "d:current-user-privilege-set", "cs:getctag", "card:max-resource-size",
                "card:supported-collation-set"));
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        Multistatus.Response book = Multistatus.parse(response.body()).response(BOOK);

        Element type = book.ok(DAV, "resourcetype").orElseThrow();
        assertThat(Multistatus.hasChild(type, DAV, "collection")).isTrue();
        assertThat(Multistatus.hasChild(type, CARD, "addressbook")).isTrue();
        assertThat(book.okText(DAV, "displayname")).isEqualTo("Company directory");
        assertThat(book.okText(CARD, "addressbook-description")).isNotBlank();

        List<String> versions = Multistatus.children(book.ok(CARD, "supported-address-data").orElseThrow(), CARD,
                "address-data-type").stream()
                .peek(e -> assertThat(e.getAttribute("content-type")).isEqualTo("text/vcard"))
                .map(e -> e.getAttribute("version")).toList();
        assertThat(versions).containsExactlyInAnyOrder("3.0", "4.0");

        List<String> reports = Multistatus.children(book.ok(DAV, "supported-report-set").orElseThrow(), DAV,
                "supported-report").stream()
                .map(sr -> Multistatus.children(sr, DAV, "report").get(0))
                .map(r -> firstElement(r).getLocalName()).toList();
        assertThat(reports).containsExactlyInAnyOrder("addressbook-query", "addressbook-multiget", "sync-collection");

        List<String> privileges = Multistatus.children(book.ok(DAV, "current-user-privilege-set").orElseThrow(), DAV,
                "privilege").stream().map(p -> firstElement(p).getLocalName()).toList();
        assertThat(privileges).contains("read").doesNotContain("write", "write-content", "bind", "unbind", "all");

        assertThat(book.okText(CS, "getctag")).isNotBlank();
        assertThat(Long.parseLong(book.okText(CARD, "max-resource-size").trim())).isPositive();
        List<String> collations = Multistatus.children(book.ok(CARD, "supported-collation-set").orElseThrow(), CARD,
                "supported-collation").stream().map(Multistatus::text).toList();
        assertThat(collations).contains("i;ascii-casemap", "i;unicode-casemap");
    }

    @Test
    void unknownPropertiesComeBackIn404PropstatAfterThe200One() {
        Multistatus.Response book = Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind(
                "d:displayname", "x:color xmlns:x=\"http://apple.com/ns/ical/\"", "d:quota-available-bytes")).body())
                .response(BOOK);
        assertThat(book.okText(DAV, "displayname")).isEqualTo("Company directory");
        assertThat(book.notFound("http://apple.com/ns/ical/", "color")).isTrue();
        assertThat(book.notFound(DAV, "quota-available-bytes")).isTrue();
        Element firstStatus = Multistatus.children(book.propstats().get(0), DAV, "status").get(0);
        assertThat(Multistatus.text(firstStatus)).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void depthOneListsEveryPersonAndGroupWithEtagAndContentType() throws Exception {
        Multistatus listing = Multistatus.parse(client.propfind(BOOK, "1",
                Bodies.propfind("d:getetag", "d:getcontenttype", "d:resourcetype")).body());
        List<Multistatus.Response> cards = listing.responses().stream().filter(r -> !r.href().equals(BOOK)).toList();
        // people + groups of the demo directory
        long published = TestServers.demo().demo().orElseThrow().server().countEntriesBelow("ou=People,"
                + TestServers.demo().demo().get().baseDn()) - 1
                + TestServers.demo().demo().get().server().countEntriesBelow("ou=Groups," + TestServers.demo().demo().get().baseDn()) - 1;
        assertThat(cards).hasSize((int) published);
        for (Multistatus.Response card : cards) {
            assertThat(card.href()).startsWith(BOOK).endsWith(".vcf");
            assertThat(card.okText(DAV, "getetag")).matches("\"[^\"]+\"");
            assertThat(card.okText(DAV, "getcontenttype")).startsWith("text/vcard");
            assertThat(card.ok(DAV, "resourcetype").orElseThrow().getChildNodes().getLength()).isZero();
        }
        assertThat(cards.stream().map(Multistatus.Response::href).distinct()).hasSize(cards.size());
    }

    @Test
    void allpropAndPropnameWork() {
        Multistatus.Response allprop = Multistatus.parse(client.propfind(BOOK, "0",
                "<d:propfind xmlns:d='DAV:'><d:allprop/></d:propfind>").body()).response(BOOK);
        assertThat(allprop.ok(DAV, "resourcetype")).isPresent();
        assertThat(allprop.ok(DAV, "displayname")).isPresent();
        assertThat(allprop.ok(CS, "getctag")).as("ctag is not part of allprop").isEmpty();

        Multistatus.Response empty = Multistatus.parse(client.propfind(BOOK, "0", "").body()).response(BOOK);
        assertThat(empty.ok(DAV, "displayname")).as("empty body means allprop").isPresent();

        Multistatus.Response names = Multistatus.parse(client.propfind(BOOK, "0",
                "<propfind xmlns='DAV:'><propname/></propfind>").body()).response(BOOK);
        Element getctag = names.ok(CS, "getctag").orElseThrow();
        assertThat(getctag.getChildNodes().getLength()).isZero();
        assertThat(names.ok(CARD, "supported-address-data")).isPresent();
    }

    @Test
    void depthInfinityOnCollectionsIsRefusedWithPrecondition() {
        for (String path : List.of(BOOK, "/", "/addressbooks/")) {
            HttpResponse<String> response = client.propfind(path, "infinity", Bodies.propfind("d:getetag"));
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            Element error = Multistatus.parseXml(response.body());
            assertThat(Multistatus.hasChild(error, DAV, "propfind-finite-depth")).isTrue();
        }
        HttpResponse<String> missingDepth = client.send("PROPFIND", BOOK, Bodies.propfind("d:getetag"));
        assertThat(missingDepth.statusCode()).as("missing Depth means infinity").isEqualTo(403);
    }

    @Test
    void ctagIsStableWhileNothingChanges() {
        String first = ctag();
        assertThat(ctag()).isEqualTo(first);
    }

    @Test
    void preferMinimalDropsThe404Propstat() {
        HttpResponse<String> response = client.send("PROPFIND", BOOK, Bodies.propfind("d:displayname", "d:nonexistent"),
                "Depth", "0", "Prefer", "return=minimal");
        Multistatus.Response book = Multistatus.parse(response.body()).response(BOOK);
        assertThat(book.propstats()).hasSize(1);
        assertThat(book.notFound(DAV, "nonexistent")).isFalse();
        assertThat(response.headers().firstValue("Preference-Applied")).contains("return=minimal");
    }

    private String ctag() {
        return Multistatus.parse(client.propfind(BOOK, "0", Bodies.propfind("cs:getctag")).body())
                .response(BOOK).okText(CS, "getctag");
    }

    static Element firstElement(Element parent) {
        for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
            if (parent.getChildNodes().item(i) instanceof Element e) {
                return e;
            }
        }
        throw new AssertionError("no child element in " + parent.getNodeName());
    }
}
