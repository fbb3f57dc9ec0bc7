package org.galdav.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The name of a book's content: a hash of every card's name and ETag, in name order. Equal content has
 * an equal hash on every instance and after restarts, and any added, changed or removed card changes it.
 * It is both the id inside a sync token (RFC 6578 §3.2: the token names the state) and, prefixed, the
 * book's ctag, so the two always agree and are computed once per version.
 */
public final class ContentHash {
    private static final String CTAG_PREFIX = "galdav:";

    private ContentHash() {
    }

    /**
     * The hash of a listing given as name → quoted ETag: 16 bytes of SHA-256 over "name NUL etag LF"
     * per card in name order, base64url without padding (22 characters).
     */
    public static String of(Map<String, String> etagsByName) {
        SortedMap<String, String> sorted = etagsByName instanceof SortedMap<String, String> s && s.comparator() == null
                ? s : new TreeMap<>(etagsByName);
        MessageDigest sha = Sha256.digest();
        sorted.forEach((name, etag) -> add(sha, name, etag));
        return finish(sha);
    }

    /** The same hash from a listing already in name order, without a map of it (100,000 cards: 10 MB). */
    public static String ofListing(List<CardSummary> sortedByName) {
        MessageDigest sha = Sha256.digest();
        String previous = null;
        for (CardSummary card : sortedByName) {
            if (previous != null && previous.compareTo(card.name()) >= 0) {
                throw new IllegalArgumentException("listing not in name order at " + card.name());
            }
            previous = card.name();
            add(sha, card.name(), card.etag());
        }
        return finish(sha);
    }

    /** One card: "name NUL etag LF". */
    private static void add(MessageDigest sha, String name, String etag) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(etag.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }

    private static String finish(MessageDigest sha) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha.digest(), 16));
    }

    /** The ctag (CalendarServer getctag) of the content a hash names. */
    public static String ctag(String hash) {
        return CTAG_PREFIX + hash;
    }

    /** The ctag of a listing given as name → quoted ETag. */
    public static String ctagOf(Map<String, String> etagsByName) {
        return ctag(of(etagsByName));
    }

}
