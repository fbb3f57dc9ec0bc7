package org.galdav.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code http.tls} section: where the server's key and certificate come from, how often those files are
 * read again (a renewed certificate is served without a restart), the plain-HTTP port that only redirects to
 * HTTPS, and the HSTS max-age (RFC 6797 §6.1.1).
 *
 * @param keys           empty: plain HTTP (behind a TLS-terminating proxy); present: HTTPS only on http.port
 * @param reloadInterval how often the files are read again; zero: never
 * @param redirectPort   a plain-HTTP port answering every request with 308 to HTTPS; only with {@code keys}
 * @param hstsMaxAge     the max-age of Strict-Transport-Security on every HTTPS answer; zero: no header
 */
public record TlsSettings(Optional<Keys> keys, Duration reloadInterval, OptionalInt redirectPort, Duration hstsMaxAge) {
    /** Plain HTTP: no keys, no redirect port. */
    public static final TlsSettings OFF = new TlsSettings(Optional.empty(), Duration.ofMinutes(1), OptionalInt.empty(),
            Duration.ofDays(365));

    public TlsSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        Objects.requireNonNull(redirectPort, "redirectPort");
        Objects.requireNonNull(hstsMaxAge, "hstsMaxAge");
        if (reloadInterval.isNegative() || hstsMaxAge.isNegative()) {
            throw new IllegalArgumentException("the reload interval and the HSTS max-age must not be negative");
        }
        if (redirectPort.isPresent() && (keys.isEmpty() || redirectPort.getAsInt() < 0
                || redirectPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("a redirect port (0-65535) needs HTTPS");
        }
    }

    /** HTTPS is on. */
    public boolean enabled() {
        return keys.isPresent();
    }

    /** Where the key and its certificate chain are read from. */
    public sealed interface Keys permits KeyStoreFile, PemFiles {
    }

    /** A PKCS#12 (or JKS) key store and its password. */
    public record KeyStoreFile(Path file, String password) implements Keys {
        public KeyStoreFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "KeyStoreFile[" + file + "]";
        }
    }

    /**
     * PEM files as certbot or an internal CA issue them: the certificate chain (server certificate first) and its
     * private key (PKCS#8, PKCS#1 RSA or SEC1 EC). They may be the same file.
     */
    public record PemFiles(Path certificate, Path privateKey) implements Keys {
        public PemFiles {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }
}
