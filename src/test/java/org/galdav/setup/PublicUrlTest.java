package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The URL the page shows: the request's scheme and Host, restated by a trusted proxy's Forwarded (RFC 7239)
 * or X-Forwarded-* headers, never by anyone else's; a Host that is not a plain host is never echoed.
 */
class PublicUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "plain request|http|contacts.example.com:8080|false|NONE|NONE|NONE|http://contacts.example.com:8080/",
        "default port dropped|https|contacts.example.com:443|false|NONE|NONE|NONE|https://contacts.example.com/",
        "no Host: the listen address|http|NONE|false|NONE|NONE|NONE|http://127.0.0.1:8080/",
        "IPv6 Host|http|[::1]:8080|false|NONE|NONE|NONE|http://[::1]:8080/",
        "markup in Host is not echoed|http|evil\"><script>|false|NONE|NONE|NONE|http://127.0.0.1:8080/",
        "path in Host is not echoed|http|example.com/x|false|NONE|NONE|NONE|http://127.0.0.1:8080/",
        "untrusted X-Forwarded-Proto ignored|http|example.com|false|NONE|https|NONE|http://example.com/",
        "untrusted Forwarded ignored|http|example.com|false|proto=https;host=evil.example|NONE|NONE|http://example.com/",
        "trusted X-Forwarded-Proto|http|contacts.example.com|true|NONE|https|NONE|https://contacts.example.com/",
        "trusted X-Forwarded-Host|http|127.0.0.1:8080|true|NONE|https|contacts.example.com|https://contacts.example.com/",
        "trusted Forwarded, last element|http|127.0.0.1:8080|true|for=1.2.3.4;proto=http, for=5.6.7.8;proto=https;host=\"contacts.example.com\"|NONE|NONE|https://contacts.example.com/",
        "trusted Forwarded wins over X-Forwarded-Proto|http|example.com|true|proto=https|http|NONE|https://example.com/",
        "odd proto ignored|http|example.com|true|NONE|gopher|NONE|http://example.com/",
        "last X-Forwarded-Proto counts|http|example.com|true|NONE|http, https|NONE|https://example.com/",
    })
    void derivesTheUrlPeopleReachGaldavAt(String what, String scheme, String host, boolean trusted, String forwarded,
                                          String forwardedProto, String forwardedHost, String expected) {
        assertThat(PublicUrl.derive(scheme, host, "127.0.0.1:8080", trusted, forwarded, forwardedProto,
                forwardedHost)).isEqualTo(URI.create(expected));
    }
}
