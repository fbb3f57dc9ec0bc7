package org.galdav.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the first private key and its chain from a PKCS#12 (or JKS) key store, the key under the store's password. */
final class KeyStoreKeys {
    private KeyStoreKeys() {
    }

    /** @throws IllegalArgumentException when the store cannot be opened or holds no usable key entry */
    static KeyMaterial read(byte[] file, String password) {
        char[] secret = password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(new ByteArrayInputStream(file), secret);
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) store.getEntry(alias,
                            new KeyStore.PasswordProtection(secret));
                    return new KeyMaterial(entry.getPrivateKey(), x509(entry.getCertificateChain()));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open it (" + e.getMessage() + "): is it a PKCS#12 or JKS "
                    + "file, and is http.tls.key-store-password right?", e);
        }
        throw new IllegalArgumentException("it holds no private key with its certificate");
    }

    private static List<X509Certificate> x509(Certificate[] chain) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : chain == null ? new Certificate[0] : chain) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }
}
