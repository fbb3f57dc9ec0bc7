package org.galdav.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.galdav.config.ConfigError;

/** The HTTPS listener's TLS context, from a PKCS#12 (or JKS) key store. */
final class ServerTls {
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
}
