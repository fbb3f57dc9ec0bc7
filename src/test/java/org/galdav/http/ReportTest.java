package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.CARD;
import static org.galdav.support.Multistatus.DAV;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import java.net.http.HttpResponse;
import java.util.List;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** addressbook-multiget (RFC 6352 §8.7) and the first addressbook-query (§8.6). */
class ReportTest {
    private static final String BOOK = CardTestSupport.BOOK;
    private final DavClient client = TestServers.demoClient();

    @Test
    void multigetReturnsEachHrefAndMissingOnesAs404() {
        List<Multistatus.Response> listing = CardTestSupport.listing(client);
        String a = listing.get(0).href();
        String b = listing.get(5).href();
        String missing = BOOK + "11111111-2222-3333-4444-555555555555.vcf";
        for (String depth : new String[] {null, "0", "1"}) {
            HttpResponse<String> response = client.report(BOOK, depth,
                    Bodies.multiget("<C:address-data/>", a, missing, b));
            assertThat(response.statusCode()).isEqualTo(207);
            Multistatus ms = Multistatus.parse(response.body());
            assertThat(ms.hrefs()).containsExactly(a, missing, b);
            assertThat(ms.response(missing).status()).contains("HTTP/1.1 404 Not Found");
            Multistatus.Response found = ms.response(a);
            assertThat(found.okText(DAV, "getetag")).isEqualTo(CardTestSupport.etag(listing.get(0)));
            Cards.valid(found.okText(CARD, "address-data"), VCardVersion.V3_0);
        }
    }

    @Test
    void everyCardIsAValidVCard4InAMultigetOfTheWholeBook() {
        List<String> hrefs = CardTestSupport.listing(client).stream().map(Multistatus.Response::href).toList();
        Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.multiget(
                "<C:address-data content-type='text/vcard' version='4.0'/>", hrefs.toArray(String[]::new))).body());
        assertThat(ms.hrefs()).containsExactlyElementsOf(hrefs);
        long groups = 0;
        for (Multistatus.Response response : ms.responses()) {
            VCard card = Cards.valid(response.okText(CARD, "address-data"), VCardVersion.V4_0);
            if (card.getKind() != null && card.getKind().isGroup()) {
                groups++;
                assertThat(card.getMembers()).isNotEmpty();
                assertThat(card.getMembers().get(0).getUri()).startsWith("urn:uuid:");
            }
        }
        assertThat(groups).isGreaterThanOrEqualTo(20);
    }

    @Test
    void multigetHonoursVersionAndPropertySubset() {
        String href = CardTestSupport.listing(client).get(3).href();
        Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.multiget(
                "<C:address-data content-type='text/vcard' version='4.0'><C:prop name='FN'/><C:prop name='EMAIL'/></C:address-data>",
                href)).body());
        VCard card = Cards.parseOne(ms.response(href).okText(CARD, "address-data"));
        assertThat(card.getVersion()).isEqualTo(VCardVersion.V4_0);
        assertThat(card.getFormattedName()).isNotNull();
        assertThat(card.getUid()).isNotNull();
        assertThat(card.getTelephoneNumbers()).isEmpty();
        assertThat(card.getStructuredName()).isNull();
    }

    @Test
    void unsupportedAddressDataIsRefusedWithPrecondition() {
        String href = CardTestSupport.listing(client).get(0).href();
        HttpResponse<String> response = client.report(BOOK, "1", Bodies.multiget(
                "<C:address-data content-type='application/vcard+json'/>", href));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Multistatus.hasChild(Multistatus.parseXml(response.body()), CARD, "supported-address-data")).isTrue();
    }

    @Test
    void emptyFilterAndBarePropFilterFnEnumerateTheBook() {
        int all = CardTestSupport.listing(client).size();
        Multistatus noFilter = Multistatus.parse(client.report(BOOK, "1", Bodies.query("", null)).body());
        assertThat(noFilter.responses()).hasSize(all);
        Multistatus emptyFilter = Multistatus.parse(client.report(BOOK, "1", Bodies.query("<C:filter/>", null)).body());
        assertThat(emptyFilter.responses()).hasSize(all);
        Multistatus fn = Multistatus.parse(client.report(BOOK, "1",
                Bodies.query("<C:filter><C:prop-filter name='FN'/></C:filter>", null)).body());
        assertThat(fn.responses()).hasSize(all);
    }

    @Test
    void textMatchFindsExactlyTheMatchingCardsWithASelectiveLdapFilter() {
        List<VCard> everything = allCards();
        String needle = "ann";
        List<String> expected = everything.stream()
                .filter(c -> c.getFormattedName().getValue().toLowerCase(java.util.Locale.ROOT).contains(needle))
                .map(c -> c.getUid().getValue()).sorted().toList();
        assertThat(expected).isNotEmpty();
        int before = TestServers.sharedFilters().size();
        Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter name='FN'><C:text-match collation='i;unicode-casemap' match-type='contains'>"
                        + needle + "</C:text-match></C:prop-filter></C:filter>", null)).body());
        List<String> got = ms.responses().stream()
                .map(r -> Cards.parseOne(r.okText(CARD, "address-data")).getUid().getValue()).sorted().toList();
        assertThat(got).isEqualTo(expected);
        String sent = TestServers.sharedFilters().subList(before, TestServers.sharedFilters().size()).toString();
        assertThat(sent).contains("*ann*");
    }

    @Test
    void limitTruncatesAndReports507() {
        Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.query("", "5")).body());
        List<Multistatus.Response> cards = ms.responses().stream().filter(r -> !r.href().equals(BOOK)).toList();
        assertThat(cards).hasSize(5);
        Multistatus.Response marker = ms.response(BOOK);
        assertThat(marker.status()).contains("HTTP/1.1 507 Insufficient Storage");
        Element error = Multistatus.children(marker.element(), DAV, "error").get(0);
        assertThat(Multistatus.hasChild(error, DAV, "number-of-matches-within-limits")).isTrue();
    }

    @Test
    void unknownCollationIsRefused() {
        HttpResponse<String> response = client.report(BOOK, "1", Bodies.query(
                "<C:filter><C:prop-filter name='FN'><C:text-match collation='i;klingon'>x</C:text-match>"
                        + "</C:prop-filter></C:filter>", null));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Multistatus.hasChild(Multistatus.parseXml(response.body()), CARD, "supported-collation")).isTrue();
    }

    @Test
    void unsupportedReportIsRefused() {
        HttpResponse<String> response = client.report(BOOK, "0",
                "<D:expand-property xmlns:D='DAV:'/>");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Multistatus.hasChild(Multistatus.parseXml(response.body()), DAV, "supported-report")).isTrue();
    }

    private List<VCard> allCards() {
        Multistatus ms = Multistatus.parse(client.report(BOOK, "1", Bodies.query("", null)).body());
        return ms.responses().stream().map(r -> Cards.parseOne(r.okText(CARD, "address-data"))).toList();
    }
}
