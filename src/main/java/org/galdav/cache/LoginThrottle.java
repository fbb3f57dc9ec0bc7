package org.galdav.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.galdav.core.AddressBlock;
import org.galdav.core.TimeSource;

/**
 * The budgets of failed logins ({@link ThrottleSettings}): per login and client, per login, per client. Each
 * is a generic cell rate algorithm (GCRA, as ATM traffic shaping and many rate limiters use it): a budget keeps
 * only its "theoretical arrival time", which every failure moves one interval ({@code period / budget})
 * further, and a failure is allowed while that time is at most one period ahead of now. That is a burst of
 * the whole budget, then one failure per interval; a budget untouched for a period is full again, so it is
 * forgotten then.
 *
 * <p>Logins are compared as the directory compares them (RFC 4518 string preparation: Unicode NFKC, case,
 * surrounding and repeated spaces), so that {@code User0005 } cannot get a budget of its own beside
 * {@code user0005}.
 *
 * <p>Thread-safe: every decision is made under the throttle's lock, all three budgets at once.
 */
final class LoginThrottle {
    /** At most this many budgets are kept; the least recently used are forgotten first. */
    static final int MAX_BUDGETS = 100_000;

    private final Cache<String, Long> arrivals;
    private final List<Budget> budgets;
    private final long period;
    private final TimeSource time;

    /** One kind of budget: its key prefix and interval. */
    private record Budget(String kind, long interval) {
    }

    LoginThrottle(ThrottleSettings settings, TimeSource time) {
        this.period = settings.period().toNanos();
        this.time = time;
        this.budgets = List.of(new Budget("login+client", period / settings.perLoginAndAddress()),
                new Budget("login", period / settings.perLogin()), new Budget("client", period / settings.perAddress()));
        this.arrivals = Caffeine.newBuilder().ticker(time::nanoTime).expireAfterAccess(settings.period())
                .maximumSize(MAX_BUDGETS).build();
    }

    /**
     * Takes one failure's worth from each budget of {@code login} and {@code client}, or from none.
     *
     * @return empty when taken; else how long until every budget has room again
     */
    synchronized Optional<Duration> take(String login, AddressBlock client) {
        long now = time.nanoTime();
        List<String> keys = keys(login, client);
        long wait = 0;
        long[] next = new long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Long arrival = arrivals.getIfPresent(keys.get(i));
            next[i] = Math.max(arrival == null ? now : arrival, now) + budgets.get(i).interval();
            wait = Math.max(wait, next[i] - now - period);
        }
        if (wait > 0) {
            return Optional.of(Duration.ofSeconds(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L)));
        }
        for (int i = 0; i < keys.size(); i++) {
            arrivals.put(keys.get(i), next[i]);
        }
        return Optional.empty();
    }

    /** Gives back what {@link #take} took, for a check that did not fail (success, directory down). */
    synchronized void giveBack(String login, AddressBlock client) {
        List<String> keys = keys(login, client);
        for (int i = 0; i < keys.size(); i++) {
            long interval = budgets.get(i).interval();
            arrivals.asMap().computeIfPresent(keys.get(i), (key, arrival) -> arrival - interval);
        }
    }

    private List<String> keys(String login, AddressBlock client) {
        String who = prepared(login);
        return List.of(budgets.get(0).kind() + " " + client + " " + who, budgets.get(1).kind() + " " + who,
                budgets.get(2).kind() + " " + client);
    }

    /** A login as a directory's caseIgnoreMatch sees it (RFC 4518 §2): NFKC, case folded, spaces collapsed. */
    static String prepared(String login) {
        return Normalizer.normalize(login, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("\\s+", " ");
    }
}
