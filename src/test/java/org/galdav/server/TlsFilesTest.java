package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.galdav.config.ConfigError;
import org.galdav.http.TlsSettings;
import org.galdav.support.TestKeyStores;
import org.galdav.support.TestPki;
import org.galdav.support.TestPki.Issued;
import org.galdav.support.TestPki.KeyFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TLS files as {@code galdav check} and the server read them: every key format certbot, OpenSSL and internal
 * CAs write, and a plain message naming setting and file for each way they can be wrong.
 */
class TlsFilesTest {
    @TempDir
    Path dir;
    private Issued ca;

    @BeforeEach
    void pki() throws Exception {
        ca = TestPki.ca("Files CA", "EC");
    }

    private static TlsSettings pem(Path certificate, Path key) {
        return new TlsSettings(Optional.of(new TlsSettings.PemFiles(certificate, key)), Duration.ZERO,
                OptionalInt.empty(), Duration.ZERO);
    }

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8, BEGIN PRIVATE KEY", "RSA, TRADITIONAL, BEGIN RSA PRIVATE KEY",
            "EC, PKCS8, BEGIN PRIVATE KEY", "EC, TRADITIONAL, BEGIN EC PRIVATE KEY"})
    void summarisesTheCertificateOfEveryKeyFormat(String keyType, KeyFormat format, String header) throws Exception {
        Issued server = TestPki.server(ca, keyType, Duration.ofDays(9), "dns:contacts.example", "ip:192.0.2.7");
        Path chain = TestPki.writeCertificates(dir.resolve("chain.pem"), server.certificate(), ca.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), server.keys(), format);
        assertThat(Files.readString(key)).startsWith("-----" + header + "-----");

        TlsFiles.Summary summary = TlsFiles.summary(pem(chain, key)).orElseThrow();
        assertThat(summary.subject()).isEqualTo("CN=contacts.example");
        assertThat(summary.notAfter()).isEqualTo(server.certificate().getNotAfter().toInstant());
        assertThat(summary.names()).containsExactly("contacts.example", "192.0.2.7");
        assertThat(summary.files()).contains("http.tls.certificate " + chain, "http.tls.private-key " + key);
    }

    /** OpenSSL's "ecparam -genkey" puts an EC PARAMETERS block first; some put key and chain in one file. */
    @Test
    void skipsParametersAndReadsKeyAndChainFromOneFile() throws Exception {
        Issued server = TestPki.server(ca, "EC", Duration.ofDays(9), "dns:localhost");
        Path chain = TestPki.writeCertificates(dir.resolve("chain.pem"), server.certificate(), ca.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), server.keys(), KeyFormat.TRADITIONAL);
        Path both = Files.writeString(dir.resolve("both.pem"), "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
                + "-----END EC PARAMETERS-----\n" + Files.readString(key) + "Bag Attributes: text between blocks\n"
                + Files.readString(chain));
        KeyMaterial material = TlsFiles.of(pem(both, both)).orElseThrow().load();
        assertThat(material.chain()).containsExactly(server.certificate(), ca.certificate());
        assertThat(material.keyType()).isEqualTo("EC");
    }

    @Test
    void aKeyStoreIsSummarisedAlike() throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "server.p12", List.of("dns:store.example"), "-keyalg", "EC",
                "-groupname", "secp256r1");
        TlsSettings tls = new TlsSettings(Optional.of(new TlsSettings.KeyStoreFile(store, TestKeyStores.PASSWORD)),
                Duration.ZERO, OptionalInt.empty(), Duration.ZERO);
        assertThat(TlsFiles.summary(tls).orElseThrow().subject()).isEqualTo("CN=store.example");
        assertThat(TlsFiles.summary(TlsSettings.OFF)).isEmpty();
        TlsSettings wrongPassword = new TlsSettings(Optional.of(new TlsSettings.KeyStoreFile(store, "wrong")),
                Duration.ZERO, OptionalInt.empty(), Duration.ZERO);
        assertThatThrownBy(() -> TlsFiles.summary(wrongPassword)).isInstanceOf(ConfigError.class)
                .hasMessageContaining("key 'http.tls.key-store': " + store).hasMessageContaining("key-store-password");
    }

    @Test
    void eachProblemIsNamedWithItsSettingAndFile() throws Exception {
        Issued server = TestPki.server(ca, "EC", Duration.ofDays(9), "dns:localhost");
        Issued other = TestPki.server(ca, "EC", Duration.ofDays(9), "dns:localhost");
        Path chain = TestPki.writeCertificates(dir.resolve("chain.pem"), server.certificate(), ca.certificate());
        Path wrongKey = TestPki.writeKey(dir.resolve("other.pem"), other.keys(), KeyFormat.PKCS8);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not PEM at all\n");
        Path encrypted = dir.resolve("encrypted.pem");
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(encrypted))) {
            writer.writeObject(new JcaPKCS8Generator(server.key(), new JceOpenSSLPKCS8EncryptorBuilder(
                    JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                    .setPassword("secret".toCharArray()).build()));
        }

        assertThat(problem(chain, wrongKey)).contains("key 'http.tls.private-key': " + wrongKey,
                "does not belong to the first certificate (CN=localhost)");
        assertThat(problem(garbage, wrongKey)).contains("key 'http.tls.certificate': " + garbage,
                "no certificate in it");
        assertThat(problem(chain, chain)).contains("key 'http.tls.private-key'", "no private key in it",
                "BEGIN EC PRIVATE KEY");
        assertThat(problem(chain, encrypted)).contains("the private key is encrypted");
        assertThat(problem(dir.resolve("missing.pem"), wrongKey)).contains("key 'http.tls.certificate': cannot read",
                "NoSuchFileException");
        // The chain in the wrong order: the key belongs to the second certificate.
        Path reversed = TestPki.writeCertificates(dir.resolve("reversed.pem"), ca.certificate(), server.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), server.keys(), KeyFormat.PKCS8);
        assertThat(problem(reversed, key)).contains("the server's certificate first");
    }

    private String problem(Path certificate, Path key) {
        try {
            TlsFiles.summary(pem(certificate, key));
        } catch (ConfigError e) {
            assertThat(e.getMessage()).startsWith("configuration: ").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no problem found with " + certificate + " and " + key);
    }
}
