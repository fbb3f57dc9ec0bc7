package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;

/**
 * The memory for cached cards ({@code cache.max-card-bytes}) follows the heap the server runs in: by default
 * ({@code auto}) an eighth of it, so no default can exceed the memory it lives in; an explicit size is held to
 * at most half the heap, since the listing index and the requests in flight need the rest
 * (docs/configuration.md#memory).
 */
final class CacheBudget {
    static final String KEY = "cache.max-card-bytes";
    /** Share of the heap the cards get by default. */
    static final int AUTO_DIVISOR = 8;

    private CacheBudget() {
    }

    /** @param maxHeap the heap the server may use ({@code Runtime.maxMemory()}) */
    static long cardBytes(Config c, long maxHeap) {
        if (c.getValue(KEY).valueType() == ConfigValueType.STRING && c.getString(KEY).trim().equals("auto")) {
            return maxHeap / AUTO_DIVISOR;
        }
        long bytes = c.getBytes(KEY);
        if (bytes < 1) {
            throw new ConfigError("configuration: key '" + KEY + "' must be positive or auto");
        }
        if (bytes > maxHeap / 2) {
            throw new ConfigError("configuration: key '" + KEY + "' is " + mib(bytes) + " MiB, more than half of the "
                    + mib(maxHeap) + " MiB heap; set it to auto (an eighth of the heap) or give Java more memory (-Xmx)");
        }
        return bytes;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
