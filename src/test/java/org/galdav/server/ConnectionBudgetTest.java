package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ConnectionBudget}: caps in all and per client, trusted proxies, places given back. */
class ConnectionBudgetTest {
    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void aClientGetsItsShareAndNoMoreWhileOthersStillGetTheirs() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(100, 3, Set.of());
        for (int i = 0; i < 3; i++) {
            assertThat(budget.admit(ip("192.0.2.7"))).isEmpty();
        }
        assertThat(budget.admit(ip("192.0.2.7"))).contains(ConnectionBudget.Refusal.PER_ADDRESS);
        assertThat(budget.admit(ip("192.0.2.8"))).isEmpty();
        assertThat(budget.open()).isEqualTo(4);
        assertThat(budget.openFrom(ip("192.0.2.7"))).isEqualTo(3);

        budget.release(ip("192.0.2.7"));
        assertThat(budget.admit(ip("192.0.2.7"))).as("a closed connection gives its place back").isEmpty();
    }

    @Test
    void theTotalCapHoldsForEveryoneAndRefusalsTakeNothing() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(2, 10, Set.of());
        assertThat(budget.admit(ip("192.0.2.1"))).isEmpty();
        assertThat(budget.admit(ip("192.0.2.2"))).isEmpty();
        assertThat(budget.admit(ip("192.0.2.3"))).contains(ConnectionBudget.Refusal.TOTAL);
        assertThat(budget.open()).isEqualTo(2);
        assertThat(budget.openFrom(ip("192.0.2.3"))).isZero();
        budget.release(ip("192.0.2.1"));
        assertThat(budget.admit(ip("192.0.2.3"))).isEmpty();
    }

    @Test
    void trustedProxiesCountOnlyTowardsTheTotal() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(10, 1, Set.of(ip("127.0.0.1")));
        for (int i = 0; i < 5; i++) {
            assertThat(budget.admit(ip("127.0.0.1"))).isEmpty();
        }
        assertThat(budget.open()).isEqualTo(5);
        budget.release(ip("127.0.0.1"));
        assertThat(budget.open()).isEqualTo(4);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() throws Exception {
        ConnectionBudget budget = new ConnectionBudget(10, 2, Set.of());
        assertThat(budget.admit(ip("2001:db8:1:2::1"))).isEmpty();
        assertThat(budget.admit(ip("2001:db8:1:2:ffff::9"))).isEmpty();
        assertThat(budget.admit(ip("2001:db8:1:2:abcd::5"))).contains(ConnectionBudget.Refusal.PER_ADDRESS);
        assertThat(budget.admit(ip("2001:db8:1:3::1"))).as("another /64").isEmpty();
    }
}
