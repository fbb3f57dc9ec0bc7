package org.galdav.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.galdav.core.Authenticator;
import org.galdav.core.Principal;
import org.galdav.core.TimeSource;

/**
 * Remembers successful logins for a short time: clients send Basic credentials with every request,
 * and an LDAP bind per request would double the directory's load. Only a salted hash of the
 * password is kept; failures are never cached, so a corrected password works at once.
 */
public final class CachingAuthenticator implements Authenticator {
    private final Authenticator delegate;
    private final Cache<String, Principal> logins;
    private final byte[] salt = new byte[16];

    public CachingAuthenticator(Authenticator delegate, CacheSettings settings, TimeSource time) {
        Ticker ticker = time::nanoTime;
        this.delegate = delegate;
        new SecureRandom().nextBytes(salt);
        this.logins = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.authTtl())
                .maximumSize(settings.maxLogins()).build();
    }

    @Override
    public Optional<Principal> authenticate(String login, String password) {
        String key = key(login, password);
        Principal known = logins.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Principal> principal = delegate.authenticate(login, password);
        principal.ifPresent(p -> logins.put(key, p));
        return principal;
    }

    @Override
    public void forget(String login, String password) {
        logins.invalidate(key(login, password));
    }

    private String key(String login, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
