package org.galdav.cache;

import java.time.Duration;

/**
 * Bounds of the caches.
 *
 * @param ttl             how long a card, listing or ctag is served before the directory is asked again
 * @param maxCardBytes    total size of cached cards (both renderings)
 * @param maxListingCards books larger than this are listed from LDAP every time instead of cached
 * @param authTtl         how long a successful login is remembered
 * @param maxLogins       how many logins are remembered
 */
public record CacheSettings(Duration ttl, long maxCardBytes, int maxListingCards, Duration authTtl, int maxLogins) {
    /** For one user's view of a book (bind-as-user): a sixty-fourth of the card memory, no kept listing. */
    public CacheSettings perUser() {
        return new CacheSettings(ttl, Math.max(1 << 20, maxCardBytes / 64), 0, authTtl, maxLogins);
    }
}
