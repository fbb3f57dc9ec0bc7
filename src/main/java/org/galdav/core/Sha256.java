package org.galdav.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A new SHA-256 digest; every Java runtime has the algorithm, so its absence is a broken JVM, not an input error. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
