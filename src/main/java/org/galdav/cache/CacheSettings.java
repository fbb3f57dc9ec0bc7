package org.galdav.cache;

import java.time.Duration;

/**
 * Bounds of the caches, and whether to fill them at start.
 *
 * @param ttl             how long a card, listing or ctag is served before the directory is asked again
 * @param maxCardBytes    total size of cached cards (both renderings)
 * @param maxListingCards books larger than this are listed from LDAP every time instead of cached
 * @param authTtl         how long a successful login is remembered
 * @param maxLogins       how many logins are remembered
 * @param warmUp          list every book once in the background at start, so the first sync finds its
 *                        listing and ctag cached
 */
public record CacheSettings(Duration ttl, long maxCardBytes, int maxListingCards, Duration authTtl, int maxLogins,
                            boolean warmUp) {
    /** For one user's view of a book (bind-as-user): a sixty-fourth of the card memory, no kept listing. */
    public CacheSettings perUser() {
        return new CacheSettings(ttl, Math.max(1 << 20, maxCardBytes / 64), 0, authTtl, maxLogins, warmUp);
    }
}
