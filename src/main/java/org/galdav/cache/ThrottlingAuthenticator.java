package org.galdav.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.galdav.core.AddressBlock;
import org.galdav.core.Authenticator;
import org.galdav.core.LoginThrottledException;
import org.galdav.core.Principal;
import org.galdav.core.SaltedHash;
import org.galdav.core.TimeSource;

/**
 * Keeps password guessing away from the directory, so that it cannot lock real users out of accounts whose
 * directory counts failed binds (Active Directory's lockout policy):
 *
 * <ul>
 *   <li>credentials that failed are answered 401 from memory for a while, without asking the directory again
 *       (a client retrying an old password after a change costs one bind, not one per request);</li>
 *   <li>new guesses spend the budgets of {@link LoginThrottle}; beyond them the answer is
 *       {@link LoginThrottledException} (429 with {@code Retry-After}) and the directory is not asked;</li>
 *   <li>credentials that succeeded before pass the budgets, so a user is never kept out by failures
 *       from elsewhere, as long as they keep their password; they are still checked by the directory.</li>
 * </ul>
 *
 * A check that ends well, or that the directory could not answer, gives its budget back: only failures count.
 * Unknown logins spend budgets exactly as wrong passwords do, so the answers do not tell them apart. Only
 * salted hashes of credentials are kept ({@link SaltedHash}), never a password. Concurrent checks of the same
 * credentials share one (a client opening several connections at once costs one bind and one budget unit,
 * and cannot throttle itself). Thread-safe.
 */
public final class ThrottlingAuthenticator implements Authenticator {
    /** At most this many credentials are remembered as wrong, and as many as good. */
    static final int MAX_REMEMBERED = 100_000;

    private final Authenticator delegate;
    private final LoginThrottle throttle;
    private final Cache<String, Boolean> wrong;
    private final Cache<String, Boolean> knownGood;
    private final SaltedHash keys = new SaltedHash();
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Principal>>> checking = new ConcurrentHashMap<>();

    public ThrottlingAuthenticator(Authenticator delegate, ThrottleSettings settings, TimeSource time) {
        this.delegate = delegate;
        this.throttle = new LoginThrottle(settings, time);
        this.wrong = remembered(settings.wrongTtl(), time);
        this.knownGood = remembered(settings.knownGoodTtl(), time);
    }

    private static Cache<String, Boolean> remembered(Duration ttl, TimeSource time) {
        return Caffeine.newBuilder().ticker(time::nanoTime).expireAfterWrite(ttl).maximumSize(MAX_REMEMBERED).build();
    }

    @Override
    public Optional<Principal> authenticate(String login, String password, AddressBlock client) {
        String key = keys.of(login, password);
        if (wrong.getIfPresent(key) != null) {
            return Optional.empty();
        }
        CompletableFuture<Optional<Principal>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Principal>> running = checking.putIfAbsent(key, mine);
        if (running != null) {
            return outcomeOf(running);
        }
        try {
            Optional<Principal> principal = check(key, login, password, client);
            mine.complete(principal);
            return principal;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(key, mine);
        }
    }

    /** The outcome of the same credentials' check in flight; bounded by the directory's request timeout. */
    private static Optional<Principal> outcomeOf(CompletableFuture<Optional<Principal>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Optional<Principal> check(String key, String login, String password, AddressBlock client) {
        boolean known = knownGood.getIfPresent(key) != null;
        if (!known) {
            throttle.take(login, client).ifPresent(wait -> {
                throw new LoginThrottledException(wait);
            });
        }
        Optional<Principal> principal;
        try {
            principal = delegate.authenticate(login, password, client);
        } catch (RuntimeException e) {
            giveBack(known, login, client);
            throw e;
        }
        if (principal.isPresent()) {
            giveBack(known, login, client);
            knownGood.put(key, Boolean.TRUE);
        } else {
            knownGood.invalidate(key);
            wrong.put(key, Boolean.TRUE);
        }
        return principal;
    }

    @Override
    public void forget(String login, String password) {
        knownGood.invalidate(keys.of(login, password));
        delegate.forget(login, password);
    }

    private void giveBack(boolean known, String login, AddressBlock client) {
        if (!known) {
            throttle.giveBack(login, client);
        }
    }
}
