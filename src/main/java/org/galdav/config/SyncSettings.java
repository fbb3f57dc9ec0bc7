package org.galdav.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.galdav.directory.ChangeFeeds;

/**
 * The {@code sync} section: RFC 6578 sync-collection and how directory changes are found. It stays in
 * {@code config} because its parts go to three layers (the state store in {@code sync}, the change
 * tracker in {@code book}, the change feeds in {@code directory}), and {@code sync} may not know
 * {@code directory}.
 *
 * @param stateDir       where the book states behind sync tokens are kept
 * @param horizon        states unused for longer are deleted (their tokens then get valid-sync-token)
 * @param changeTracking how directory changes are found
 * @param pollInterval   with change tracking: how often a request may ask the directory what changed
 */
public record SyncSettings(Path stateDir, Duration horizon, ChangeFeeds.Mode changeTracking, Duration pollInterval) {
    public SyncSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(changeTracking, "changeTracking");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (horizon.isNegative() || horizon.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("the sync horizon must be positive and the poll interval not negative");
        }
    }
}
