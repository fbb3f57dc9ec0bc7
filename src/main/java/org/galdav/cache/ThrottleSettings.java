package org.galdav.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed logins are throttled ({@link ThrottlingAuthenticator}). Each budget is a number of failed
 * checks that refills completely within {@code period}, one failure's worth every
 * {@code period / budget}: a burst of at most the budget, then one per interval.
 *
 * @param period             the time in which every budget refills completely
 * @param perLoginAndAddress failed checks of one login from one client
 * @param perLogin           failed checks of one login from all clients together: what the directory sees
 *                           for one account at most, whoever guesses
 * @param perAddress         failed checks from one client, all logins together
 * @param wrongTtl           how long identical wrong credentials are answered 401 from memory, without asking
 *                           the directory (only a salted hash of them is kept)
 * @param knownGoodTtl       how long credentials that succeeded pass the throttle (they are still checked)
 */
public record ThrottleSettings(Duration period, int perLoginAndAddress, int perLogin, int perAddress,
                               Duration wrongTtl, Duration knownGoodTtl) {
    public ThrottleSettings {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(wrongTtl, "wrongTtl");
        Objects.requireNonNull(knownGoodTtl, "knownGoodTtl");
        if (perLoginAndAddress < 1 || perLogin < 1 || perAddress < 1) {
            throw new IllegalArgumentException("login throttle budgets must be positive");
        }
        if (period.isNegative() || period.isZero() || wrongTtl.isNegative() || knownGoodTtl.isNegative()) {
            throw new IllegalArgumentException("login throttle durations must not be negative, the period positive");
        }
    }
}
