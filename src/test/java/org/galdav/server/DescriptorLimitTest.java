package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.galdav.http.ConnectionLimits;
import org.junit.jupiter.api.Test;

/** {@link DescriptorLimit}: warns, with the fix, when the file limit cannot hold the connection cap. */
class DescriptorLimitTest {
    private static final ConnectionLimits LIMITS = new ConnectionLimits(3000, 100, 4, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(60), Set.of());

    @Test
    void aLimitBelowTheCapPlusReserveIsNamedWithWhatToChange() {
        assertThat(DescriptorLimit.warning(1024, LIMITS)).hasValueSatisfying(text -> assertThat(text)
                .contains("1024", "http.connections.max = 3000", "LimitNOFILE=3256", "ulimit -n 3256"));
    }

    @Test
    void aLimitThatHoldsTheCapIsFine() {
        assertThat(DescriptorLimit.warning(3000 + DescriptorLimit.RESERVE, LIMITS)).isEmpty();
        assertThat(DescriptorLimit.warning(1 << 20, LIMITS)).isEmpty();
    }

    @Test
    void thisProcessHasALimitTheJvmCanRead() {
        assertThat(DescriptorLimit.ofThisProcess()).isPresent();
        assertThat(DescriptorLimit.ofThisProcess().getAsLong()).isPositive();
    }
}
