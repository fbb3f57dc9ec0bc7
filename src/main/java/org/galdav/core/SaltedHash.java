package org.galdav.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Keys for what must be remembered without keeping a password: SHA-256 over a random salt of this
 * instance and the given parts (separated, so ("ab", "c") and ("a", "bc") differ). The salt never leaves
 * memory, so a key found in a heap dump cannot be tested against guesses elsewhere. Thread-safe.
 */
public final class SaltedHash {
    private final byte[] salt = new byte[16];

    public SaltedHash() {
        new SecureRandom().nextBytes(salt);
    }

    public String of(String... parts) {
        MessageDigest sha = Sha256.digest();
        sha.update(salt);
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
