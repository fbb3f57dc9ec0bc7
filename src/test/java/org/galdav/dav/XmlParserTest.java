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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
