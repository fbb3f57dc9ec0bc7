package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/** GET/HEAD of address object resources (RFC 6352 §5.1, RFC 9110 conditional requests). */
class CardGetTest {
    private final DavClient client = TestServers.demoClient();

    @Test
    void everyCardIsAValidVCard3WithTheListedEtag() {
        List<Multistatus.Response> cards = CardTestSupport.listing(client);
        for (Multistatus.Response card : cards) {
            HttpResponse<String> response = client.get(card.href());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/vcard");
            assertThat(response.headers().firstValue("ETag")).contains(CardTestSupport.etag(card));
            VCard vcard = Cards.valid(response.body(), VCardVersion.V3_0);
            assertThat(vcard.getUid().getValue()).isNotBlank();
            assertThat(card.href()).endsWith(vcard.getUid().getValue() + ".vcf");
            assertThat(response.body()).as("CRLF line ends").contains("\r\n");
            for (String line : response.body().split("\r\n")) {
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as("folded at 75 octets").isLessThanOrEqualTo(75);
            }
        }
    }

    @Test
    void acceptVersion4GivesAValidVCard4() {
        String href = CardTestSupport.listing(client).get(0).href();
        HttpResponse<String> response = client.get(href, "Accept", "text/vcard; version=4.0");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("version=4.0");
        Cards.valid(response.body(), VCardVersion.V4_0);
        HttpResponse<String> preferred3 = client.get(href, "Accept", "text/vcard;version=4.0;q=0.5, text/vcard");
        Cards.valid(preferred3.body(), VCardVersion.V3_0);
    }

    @Test
    void conditionalRequests() {
        Multistatus.Response card = CardTestSupport.listing(client).get(1);
        String etag = CardTestSupport.etag(card);
        HttpResponse<String> notModified = client.get(card.href(), "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(client.get(card.href(), "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
        assertThat(client.get(card.href(), "If-Match", "\"something-else\"").statusCode()).isEqualTo(412);
        assertThat(client.get(card.href(), "If-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void headHasHeadersButNoBody() {
        Multistatus.Response card = CardTestSupport.listing(client).get(2);
        HttpResponse<String> head = client.send("HEAD", card.href(), null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("ETag")).contains(CardTestSupport.etag(card));
        int length = client.get(card.href()).body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(length);
    }

    @Test
    void unknownCardIs404() {
        assertThat(client.get(CardTestSupport.BOOK + "00000000-0000-0000-0000-000000000000.vcf").statusCode())
                .isEqualTo(404);
        assertThat(client.get(CardTestSupport.BOOK + "%2e%2e.vcf").statusCode()).isEqualTo(404);
        assertThat(client.get(CardTestSupport.BOOK + "x*)(objectClass=*.vcf").statusCode()).isEqualTo(404);
    }
}
