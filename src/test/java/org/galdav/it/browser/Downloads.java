package org.galdav.it.browser;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the browser to finish a download: Chromium writes "name.crdownload" and renames it to the name when
 * done, which a watch on the folder sees (no polling). The deadline only guards against a download that never
 * comes; it measures nothing.
 */
final class Downloads {
    private static final Duration GUARD = Duration.ofSeconds(60);

    private Downloads() {
    }

    static Path await(Path folder, String name) throws IOException, InterruptedException {
        Path target = folder.resolve(name);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Instant end = Instant.now().plus(GUARD);
            while (!Files.exists(target)) {
                long left = Duration.between(Instant.now(), end).toMillis();
                if (left <= 0) {
                    throw new IllegalStateException("no download " + name + " in " + folder);
                }
                WatchKey key = watch.poll(left, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        return target;
    }
}
