package org.galdav.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HexFormat;
import java.util.Optional;
import org.galdav.core.Sha256;

/**
 * Each directory photo is decoded and scaled once per content: {@link Photos#normalize} takes milliseconds
 * a photo, and the same photo is mapped again by every listing, lookup and change that touches its entry.
 * Keyed by a hash of the source bytes and the size limit; bounded by bytes. Thread-safe.
 */
final class ScaledPhotos {
    /** Memory for scaled photos (about 700 of 12 kB): enough for the photos being re-read at any time. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private static final Cache<String, Optional<byte[]>> SCALED = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumWeight(MAX_BYTES)
            .weigher((String key, Optional<byte[]> photo) -> 96 + key.length() + photo.map(b -> b.length).orElse(0))
            .build();

    private ScaledPhotos() {
    }

    /** What {@link Photos#normalize} makes of these bytes, remembered; a photo left out is remembered too. */
    static Optional<byte[]> normalize(byte[] data, int maxSize, String dn) {
        String key = maxSize + ":" + sha256(data);
        Optional<byte[]> known = SCALED.getIfPresent(key);
        if (known != null) {
            return known.map(byte[]::clone);
        }
        Optional<byte[]> scaled = Photos.normalize(data, maxSize, dn);
        SCALED.put(key, scaled.map(byte[]::clone));
        return scaled;
    }

    private static String sha256(byte[] data) {
        return HexFormat.of().formatHex(Sha256.digest().digest(data));
    }
}
