package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ClientAddress}: X-Forwarded-For believed only from trusted proxies, read from the right. */
class ClientAddressTest {
    private static final Set<InetAddress> PROXIES = Set.of(ip("127.0.0.1"), ip("10.0.0.5"));

    private static InetAddress ip(String text) {
        return ClientAddress.literal(text).orElseThrow();
    }

    @Test
    void aDirectClientIsItsPeerWhateverItClaims() {
        assertThat(ClientAddress.client(ip("192.0.2.9"), List.of("198.51.100.1"), PROXIES)).isEqualTo(ip("192.0.2.9"));
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        // The client forged "203.0.113.66"; the outer proxy 10.0.0.5 appended what it saw, 192.0.2.9.
        assertThat(ClientAddress.client(ip("127.0.0.1"), List.of("203.0.113.66", " 192.0.2.9", "10.0.0.5"), PROXIES))
                .isEqualTo(ip("192.0.2.9"));
        assertThat(ClientAddress.client(ip("127.0.0.1"), List.of(), PROXIES)).isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void somethingThatIsNotAnIpLiteralEndsTheWalk() {
        assertThat(ClientAddress.client(ip("127.0.0.1"), List.of("192.0.2.9", "unknown"), PROXIES))
                .isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void onlyIpLiteralsAreAcceptedSoNoHeaderCausesADnsLookup() {
        assertThat(ClientAddress.literal("192.0.2.1:4711")).contains(ip("192.0.2.1"));
        assertThat(ClientAddress.literal("[2001:db8::1]:443")).contains(ip("2001:db8::1"));
        assertThat(ClientAddress.literal("2001:db8::1")).contains(ip("2001:db8::1"));
        assertThat(ClientAddress.literal("example.com")).isEmpty();
        assertThat(ClientAddress.literal("999.1.1.1")).isEmpty();
        assertThat(ClientAddress.literal("abc:def")).isEmpty();
        assertThat(ClientAddress.literal("")).isEmpty();
    }
}
