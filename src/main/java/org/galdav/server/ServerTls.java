package org.galdav.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.galdav.config.ConfigError;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The HTTPS listener's TLS: the context from a PKCS#12 (or JKS) key store, TLS 1.3 and 1.2 only, and only
 * forward-secret suites with authenticated encryption: every TLS 1.3 suite, and on TLS 1.2 the ECDHE and DHE
 * suites with AES-GCM or ChaCha20-Poly1305 (RFC 9325 §4.2). Static-RSA key exchange (such as
 * {@code TLS_RSA_WITH_AES_128_CBC_SHA}, "AES128-SHA") is refused: whoever later obtains the server's key
 * could decrypt every recorded session, passwords included.
 */
final class ServerTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTls() {
    }

    static SSLContext context(Path keyStore, String password) {
        char[] secret = password.toCharArray();
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, secret);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigError("configuration: key 'http.tls.key-store': cannot use " + keyStore + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The listener's options that restrict protocols and suites to those above. */
    static OptionMap restrictions(SSLContext context) {
        return OptionMap.builder()
                .set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(PROTOCOLS))
                .set(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(suites(context)))
                .getMap();
    }

    /** The context's suites that are forward secret and use authenticated encryption, in its order. */
    static List<String> suites(SSLContext context) {
        return Arrays.stream(context.getSupportedSSLParameters().getCipherSuites())
                .filter(ServerTls::forwardSecret).toList();
    }

    static boolean forwardSecret(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true; // TLS 1.3: key exchange is always (EC)DHE (RFC 8446 §2)
        }
        boolean ephemeral = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return ephemeral && aead;
    }
}
