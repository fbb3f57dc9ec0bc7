package org.galdav.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Optional;
import org.galdav.core.AddressBlock;
import org.galdav.core.Authenticator;
import org.galdav.core.Principal;
import org.galdav.core.SaltedHash;
import org.galdav.core.TimeSource;

/**
 * Remembers successful logins for a short time: clients send Basic credentials with every request,
 * and an LDAP bind per request would double the directory's load. Only a salted hash of the
 * password is kept. Failures are not cached here ({@link ThrottlingAuthenticator} remembers them briefly, by
 * the whole credentials, so a corrected password works at once).
 */
public final class CachingAuthenticator implements Authenticator {
    private final Authenticator delegate;
    private final Cache<String, Principal> logins;
    private final SaltedHash keys = new SaltedHash();

    public CachingAuthenticator(Authenticator delegate, CacheSettings settings, TimeSource time) {
        Ticker ticker = time::nanoTime;
        this.delegate = delegate;
        this.logins = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.authTtl())
                .maximumSize(settings.maxLogins()).build();
    }

    @Override
    public Optional<Principal> authenticate(String login, String password, AddressBlock client) {
        String key = key(login, password);
        Principal known = logins.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Principal> principal = delegate.authenticate(login, password, client);
        principal.ifPresent(p -> logins.put(key, p));
        return principal;
    }

    @Override
    public void forget(String login, String password) {
        logins.invalidate(key(login, password));
    }

    private String key(String login, String password) {
        return keys.of(login, password);
    }
}
