package org.galdav.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.galdav.http.TlsSettings;

/**
 * Reads {@code http.tls}: a PKCS#12 key store, or PEM certificate and key files (never both), how often they
 * are read again, the redirect port and the HSTS max-age. The files themselves are read by the server, which
 * reports what is wrong in them.
 */
final class TlsSettingsReader {
    private static final String PREFIX = "http.tls.";

    private TlsSettingsReader() {
    }

    /**
     * @param httpPort  the HTTPS port, which the redirect port must differ from
     * @param publicUrl where redirects point when set, so it must be an https URL then
     */
    static TlsSettings read(Config c, int httpPort, Optional<URI> publicUrl) {
        Optional<TlsSettings.Keys> keys = keys(c);
        OptionalInt redirectPort = c.hasPath(PREFIX + "redirect-port")
                ? OptionalInt.of(c.getInt(PREFIX + "redirect-port")) : OptionalInt.empty();
        if (redirectPort.isPresent()) {
            int port = redirectPort.getAsInt();
            if (keys.isEmpty()) {
                throw problem("redirect-port", "redirects to HTTPS, which needs 'http.tls.certificate' and "
                        + "'http.tls.private-key' (or 'http.tls.key-store')");
            }
            if (port < 0 || port > 65535 || port != 0 && port == httpPort) {
                throw problem("redirect-port", "must be a port (0-65535) other than http.port, not " + port);
            }
            if (publicUrl.isPresent() && !publicUrl.get().getScheme().equals("https")) {
                throw problem("redirect-port", "redirects to http.public-url, which must then be an https:// URL, "
                        + "not " + publicUrl.get());
            }
        }
        return new TlsSettings(keys, nonNegative(c, "reload-interval"), redirectPort, nonNegative(c, "hsts-max-age"));
    }

    private static Optional<TlsSettings.Keys> keys(Config c) {
        Optional<Path> store = path(c, "key-store");
        Optional<Path> certificate = path(c, "certificate");
        Optional<Path> privateKey = path(c, "private-key");
        if (store.isPresent() && (certificate.isPresent() || privateKey.isPresent())) {
            throw new ConfigError("configuration: keys 'http.tls.key-store' and 'http.tls.certificate'/"
                    + "'http.tls.private-key' are both set: use either a PKCS#12 key store or PEM files, not both");
        }
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new ConfigError("configuration: keys 'http.tls.certificate' and 'http.tls.private-key' go together: "
                    + "set both (e.g. certbot's fullchain.pem and privkey.pem) or neither");
        }
        if (store.isPresent()) {
            String password = c.hasPath(PREFIX + "key-store-password")
                    ? c.getString(PREFIX + "key-store-password") : "";
            return Optional.of(new TlsSettings.KeyStoreFile(store.get(), password));
        }
        return certificate.map(file -> new TlsSettings.PemFiles(file, privateKey.get()));
    }

    private static Optional<Path> path(Config c, String key) {
        return c.hasPath(PREFIX + key) && !c.getString(PREFIX + key).isBlank()
                ? Optional.of(Path.of(c.getString(PREFIX + key).trim())) : Optional.empty();
    }

    private static Duration nonNegative(Config c, String key) {
        Duration d = c.getDuration(PREFIX + key);
        if (d.isNegative()) {
            throw problem(key, "must not be negative");
        }
        return d;
    }

    private static ConfigError problem(String key, String what) {
        return new ConfigError("configuration: key '" + PREFIX + key + "' " + what);
    }
}
