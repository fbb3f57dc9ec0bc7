package org.galdav.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.galdav.core.ContentHash;
import org.galdav.core.TimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync states: stored once, found while in use, expired and deleted after the horizon. */
class SnapshotStoreTest {
    @TempDir
    Path dir;

    @Test
    void statesExpireAfterTheHorizonUnlessUsed() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        TimeSource clock = new TimeSource() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public Instant now() {
                return now.get();
            }
        };
        SnapshotStore store = new SnapshotStore(dir, Duration.ofDays(30), clock);
        Map<String, String> state = Map.of("a.vcf", "\"1\"", "b.vcf", "\"2\"");
        String id = ContentHash.of(state);
        store.save("book", id, state);
        assertThat(store.load("book", id)).hasValue(state);

        now.set(now.get().plus(Duration.ofDays(20)));
        assertThat(store.load("book", id)).as("used: kept for another horizon").isPresent();
        now.set(now.get().plus(Duration.ofDays(29)));
        assertThat(store.load("book", id)).isPresent();
        now.set(now.get().plus(Duration.ofDays(31)));
        assertThat(store.load("book", id)).as("unused for longer than the horizon").isEmpty();

        Map<String, String> other = Map.of("c.vcf", "\"3\"");
        store.save("book", ContentHash.of(other), other);
        assertThat(Files.exists(dir.resolve("book").resolve(id + ".snap"))).as("pruned on the next write").isFalse();
    }

    @Test
    void idsDependOnContentOnlyAndHostileNamesAreNotFollowed() {
        assertThat(ContentHash.of(Map.of("a", "1", "b", "2")))
                .isEqualTo(ContentHash.of(new java.util.TreeMap<>(Map.of("b", "2", "a", "1"))))
                .isNotEqualTo(ContentHash.of(Map.of("a", "1", "b", "3")));
        SnapshotStore store = new SnapshotStore(dir, Duration.ofDays(1), TimeSource.SYSTEM);
        assertThat(store.load("../etc", "passwdpasswd")).isEmpty();
        assertThat(store.load("book", "../../x")).isEmpty();
    }
}
