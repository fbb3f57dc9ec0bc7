package org.galdav.server;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.galdav.core.KeyPairs;

/**
 * A private key and its certificate chain, the server's certificate first: what the HTTPS listener presents
 * (RFC 8446 §4.4.2: the sender's certificate first, then each one certifying the one before). Immutable; the
 * constructor proves that the key belongs to the first certificate, so a pair that does not match is never served.
 */
record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    KeyMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate found");
        }
        requireMatch(key, chain.get(0));
    }

    /** The server's own certificate. */
    X509Certificate certificate() {
        return chain.get(0);
    }

    /** When the server's certificate stops being valid. */
    Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** The server certificate's subject, e.g. {@code CN=contacts.example.com}. */
    String subject() {
        return certificate().getSubjectX500Principal().getName();
    }

    /** The TLS key type of the key ("RSA", "EC"), as the JDK's key managers are asked for it. */
    String keyType() {
        return key.getAlgorithm();
    }

    /** For log lines: subject and end of validity. */
    String describe() {
        return subject() + ", valid until " + notAfter();
    }

    /** Signs a probe with the key and verifies it with the certificate: the one test that works for every type. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot be used: use an "
                    + "RSA or EC key");
        };
        boolean matches;
        try {
            matches = KeyPairs.match(key, certificate.getPublicKey(), algorithm);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to the first certificate ("
                    + certificate.getSubjectX500Principal().getName() + "): is the chain in the right order, "
                    + "the server's certificate first, and are certificate and key from the same issuance?");
        }
    }
}
