package org.galdav.server;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server side of the HTTPS listener's key manager: it hands each new handshake the {@link KeyMaterial} current
 * at that moment, and {@link #swap} replaces it. The SSL context built on it stays the same, so a renewed
 * certificate reaches new handshakes without a restart, while connections already open keep theirs.
 *
 * <p>Each key material gets its own alias, and the previous one stays resolvable, so a handshake that chose its
 * alias just before a swap still gets key and chain of the same pair. Thread-safe.
 */
final class SwappableKeyManager extends X509ExtendedKeyManager {
    private record Served(long generation, KeyMaterial material, Served previous) {
        String alias() {
            return "galdav-" + generation;
        }

        KeyMaterial find(String wanted) {
            if (alias().equals(wanted)) {
                return material;
            }
            return previous != null && previous.alias().equals(wanted) ? previous.material : null;
        }
    }

    private final AtomicReference<Served> served;

    SwappableKeyManager(KeyMaterial first) {
        served = new AtomicReference<>(new Served(1, first, null));
    }

    /** What new handshakes get. */
    KeyMaterial current() {
        return served.get().material();
    }

    /** New handshakes get {@code next} from now on. */
    void swap(KeyMaterial next) {
        served.updateAndGet(now -> new Served(now.generation() + 1, next,
                new Served(now.generation(), now.material(), null)));
    }

    /** The current alias when the handshake wants the current key's type ("RSA", "EC"), else none. */
    private String alias(String keyType) {
        Served now = served.get();
        return now.material().keyType().equals(keyType) ? now.alias() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = alias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyMaterial material = served.get().find(alias);
        return material == null ? null : material.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyMaterial material = served.get().find(alias);
        return material == null ? null : material.key();
    }

    /** A server has no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
