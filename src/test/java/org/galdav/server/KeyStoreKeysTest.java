package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.galdav.support.TestPki;
import org.galdav.support.TestPki.Issued;
import org.junit.jupiter.api.Test;

/**
 * The key entry of a PKCS#12 {@code http.tls.key-store}, as the listener and the Apple profile's signer use it: the
 * first private key with its chain, entries without a private key passed over, a store without one refused.
 */
class KeyStoreKeysTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void theFirstPrivateKeyAndItsChainArePassedOverCertificateEntries() throws Exception {
        Issued ca = TestPki.ca("Store CA", "RSA");
        Issued server = TestPki.server(ca, "RSA", Duration.ofDays(2), "dns:contacts.example.com");
        KeyStore store = empty();
        store.setCertificateEntry("ca", ca.certificate()); // not a key: passed over
        store.setKeyEntry("galdav", server.key(), PASSWORD, new X509Certificate[] {server.certificate(),
            ca.certificate()});

        KeyMaterial material = KeyStoreKeys.read(bytes(store), new String(PASSWORD));

        assertThat(material.chain()).containsExactly(server.certificate(), ca.certificate());
        assertThat(material.key()).isEqualTo(server.key());
        assertThat(new ServedProfileSigner(new SwappableKeyManager(material)).current().chain())
                .as("and it signs the Apple profiles").isEqualTo(List.of(server.certificate(), ca.certificate()));
    }

    @Test
    void aStoreWithoutAPrivateKeyIsRefusedClearly() throws Exception {
        Issued ca = TestPki.ca("Store CA", "EC");
        KeyStore store = empty();
        store.setCertificateEntry("server", ca.certificate());
        store.setEntry("secret", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[16], "AES")),
                new KeyStore.PasswordProtection(PASSWORD));

        assertThatThrownBy(() -> KeyStoreKeys.read(bytes(store), new String(PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no private key");
    }

    private static KeyStore empty() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static byte[] bytes(KeyStore store) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return out.toByteArray();
    }
}
