package org.galdav.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The card cache's budget follows the heap, and an explicit one cannot crowd out the rest. */
class CacheBudgetTest {
    private static final long HEAP = 256L * 1024 * 1024;

    private static Config with(String value) {
        return ConfigFactory.parseString("cache.max-card-bytes = " + value);
    }

    @Test
    void autoIsAnEighthOfTheHeap() {
        assertThat(CacheBudget.cardBytes(with("auto"), HEAP)).isEqualTo(32L * 1024 * 1024);
        assertThat(CacheBudget.cardBytes(with("auto"), 4L * HEAP)).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void anExplicitSizeUpToHalfTheHeapIsKept() {
        assertThat(CacheBudget.cardBytes(with("64M"), HEAP)).isEqualTo(64L * 1024 * 1024);
        assertThat(CacheBudget.cardBytes(with("128M"), HEAP)).isEqualTo(128L * 1024 * 1024);
    }

    @Test
    void moreThanHalfTheHeapOrNothingIsRefusedWithTheFix() {
        assertThatThrownBy(() -> CacheBudget.cardBytes(with("256M"), HEAP)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("cache.max-card-bytes").hasMessageContaining("256 MiB heap")
                .hasMessageContaining("auto");
        assertThatThrownBy(() -> CacheBudget.cardBytes(with("0"), HEAP)).isInstanceOf(ConfigError.class);
    }
}
