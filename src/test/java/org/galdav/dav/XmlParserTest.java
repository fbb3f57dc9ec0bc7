package org.galdav.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request parsing as the clients' varied XML needs it, and as attackers would try it. */
class XmlParserTest {
    @Test
    void acceptsDefaultNamespacesOddPrefixesAndNoDeclaration() {
        PropfindRequest a = RequestParser.propfind(bytes("  <propfind xmlns=\"DAV:\"><prop><getetag/></prop></propfind>"));
        PropfindRequest b = RequestParser.propfind(bytes("<x0:propfind xmlns:x0='DAV:'><x0:prop>"
                + "<x1:getctag xmlns:x1='http://calendarserver.org/ns/'/></x0:prop></x0:propfind>"));
        assertThat(a.names()).containsExactly(DavNames.GETETAG);
        assertThat(b.names()).containsExactly(DavNames.GETCTAG);
    }

    @Test
    void refusesDoctypes() {
        assertThatThrownBy(() -> XmlParser.parse(bytes("<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")))
                .isInstanceOf(DavException.class).extracting(e -> ((DavException) e).status()).isEqualTo(400);
    }

    @Test
    void refusesDeepNesting() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThatThrownBy(() -> XmlParser.parse(bytes(deep))).isInstanceOf(DavException.class);
    }

    @Test
    void aDocumentHasOneRootAndNothingButCommentsAndWhiteSpaceAfterIt() {
        for (String trailing : new String[] {"<x/>", "text", "<x/><!-- after -->", "]]>"}) {
            assertThatThrownBy(() -> XmlParser.parse(bytes("<a/>" + trailing))).as(trailing)
                    .isInstanceOf(DavException.class).extracting(e -> ((DavException) e).status()).isEqualTo(400);
        }
        assertThat(XmlParser.parse(bytes("<a/>\n <!-- c --> <?pi x?>\n")).name().getLocalPart()).isEqualTo("a");
    }

    @Test
    void filtersOverTheLimitsAreRefusedWithSupportedFilter() {
        FilterLimits limits = new FilterLimits(5, 2, 3);
        String fits = "<C:filter xmlns:C='urn:ietf:params:xml:ns:carddav'><C:prop-filter name='FN'>"
                + "<C:text-match>12345</C:text-match><C:param-filter name='TYPE'><C:text-match>w</C:text-match>"
                + "</C:param-filter></C:prop-filter><C:prop-filter name='EMAIL'><C:text-match>x</C:text-match>"
                + "</C:prop-filter></C:filter>";
        assertThat(FilterParser.parse(java.util.Optional.of(XmlParser.parse(bytes(fits))), limits).propFilters())
                .hasSize(2);
        for (String over : new String[] {
            fits.replace("12345", "123456"), // too long
            fits.replace("</C:filter>", "<C:prop-filter name='TEL'/></C:filter>"), // a third prop-filter
            fits.replace("<C:text-match>x</C:text-match>", "<C:text-match>x</C:text-match><C:text-match>y</C:text-match>")}) {
            assertThatThrownBy(() -> FilterParser.parse(java.util.Optional.of(XmlParser.parse(bytes(over))), limits))
                    .as(over).isInstanceOf(DavException.class).satisfies(e -> {
                        assertThat(((DavException) e).status()).isEqualTo(403);
                        assertThat(new String(((DavException) e).body().orElseThrow().toBytes(), StandardCharsets.UTF_8))
                                .contains("supported-filter");
                    });
        }
        String astral = fits.replace("12345", "\uD83D\uDE00".repeat(5)); // five characters, ten UTF-16 units
        assertThat(FilterParser.parse(java.util.Optional.of(XmlParser.parse(bytes(astral))), limits).propFilters())
                .as("characters are counted, not UTF-16 units").hasSize(2);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
