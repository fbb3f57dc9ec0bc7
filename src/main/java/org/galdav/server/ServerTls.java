package org.galdav.server;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The HTTPS listener's TLS: the context on the server's key (PEM files or a PKCS#12 key store, kept current by
 * {@link CertificateReloader}), TLS 1.3 and 1.2 only, and only forward-secret suites with authenticated
 * encryption: every TLS 1.3 suite, and on TLS 1.2 the ECDHE and DHE suites with AES-GCM or ChaCha20-Poly1305
 * (RFC 9325 §4.2). Static-RSA key exchange (such as {@code TLS_RSA_WITH_AES_128_CBC_SHA}, "AES128-SHA") is
 * refused: whoever later obtains the server's key could decrypt every recorded session, passwords included.
 */
final class ServerTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTls() {
    }

    /**
     * The listener's context on {@code keys}. The context is made once; the key manager decides per handshake
     * which certificate is presented, so reloads need no new context.
     */
    static SSLContext context(X509ExtendedKeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot set up TLS: " + e.getMessage(), e);
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
