package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.galdav.core.TimeSource;
import org.galdav.http.TlsSettings;
import org.galdav.support.TestKeyStores;
import org.galdav.support.TestPki;
import org.galdav.support.TestPki.Issued;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reloader and its key manager on their own: a PKCS#12 store is followed like PEM files; aliases stay paired. */
class CertificateReloaderTest {
    @TempDir
    Path dir;

    @Test
    void aReplacedKeyStoreIsServedToo() throws Exception {
        Path served = TestKeyStores.selfSigned(Files.createDirectory(dir.resolve("a")), "server.p12",
                List.of("dns:first.example"), "-keyalg", "EC", "-groupname", "secp256r1");
        Path renewed = TestKeyStores.selfSigned(Files.createDirectory(dir.resolve("b")), "server.p12",
                List.of("dns:second.example"), "-keyalg", "RSA", "-keysize", "2048");
        TlsSettings tls = new TlsSettings(Optional.of(new TlsSettings.KeyStoreFile(served, TestKeyStores.PASSWORD)),
                Duration.ZERO, OptionalInt.empty(), Duration.ZERO);
        try (CertificateReloader reloader = CertificateReloader.load(TlsFiles.of(tls).orElseThrow(), TimeSource.SYSTEM)) {
            assertThat(reloader.keys().current().subject()).isEqualTo("CN=first.example");
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.UNCHANGED);
            Files.copy(renewed, served, StandardCopyOption.REPLACE_EXISTING);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.RELOADED);
            assertThat(reloader.keys().current().subject()).isEqualTo("CN=second.example");
        }
    }

    /** A certificate that expired (an old file copied back by mistake) would fail every handshake: it is refused. */
    @Test
    void anExpiredReplacementIsRefusedAndTheCertificateInUseStays() throws Exception {
        Path served = TestKeyStores.selfSigned(Files.createDirectory(dir.resolve("c")), "server.p12",
                List.of("dns:current.example"), "-keyalg", "EC", "-groupname", "secp256r1");
        Path expired = TestKeyStores.selfSigned(Files.createDirectory(dir.resolve("d")), "server.p12",
                List.of("dns:expired.example"), "-30d", 10, "-keyalg", "EC", "-groupname", "secp256r1");
        TlsSettings tls = new TlsSettings(Optional.of(new TlsSettings.KeyStoreFile(served, TestKeyStores.PASSWORD)),
                Duration.ZERO, OptionalInt.empty(), Duration.ZERO);
        try (CertificateReloader reloader = CertificateReloader.load(TlsFiles.of(tls).orElseThrow(), TimeSource.SYSTEM)) {
            Files.copy(expired, served, StandardCopyOption.REPLACE_EXISTING);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.REFUSED);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.STILL_REFUSED);
            assertThat(reloader.keys().current().subject()).isEqualTo("CN=current.example");
        }
    }

    /**
     * A handshake that chose its alias before a swap still gets key and chain of the same pair; an alias is only
     * offered for the key type asked for.
     */
    @Test
    void theKeyManagerKeepsAliasAndPairTogetherAcrossASwap() throws Exception {
        Issued ca = TestPki.ca("Alias CA", "EC");
        Issued first = TestPki.server(ca, "EC", Duration.ofDays(2), "dns:first.example");
        Issued second = TestPki.server(ca, "EC", Duration.ofDays(2), "dns:second.example");
        SwappableKeyManager keys = new SwappableKeyManager(new KeyMaterial(first.key(), List.of(first.certificate())));

        String chosen = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        keys.swap(new KeyMaterial(second.key(), List.of(second.certificate())));

        assertThat(keys.getCertificateChain(chosen)).containsExactly(first.certificate());
        assertThat(keys.getPrivateKey(chosen)).isEqualTo(first.key());
        String now = keys.chooseServerAlias("EC", null, null);
        assertThat(now).isNotEqualTo(chosen);
        assertThat(keys.getCertificateChain(now)).containsExactly(second.certificate());
        assertThat(keys.getPrivateKey(now)).isEqualTo(second.key());
        assertThat(keys.getServerAliases("EC", null)).containsExactly(now);
        assertThat(keys.getPrivateKey("unknown")).isNull();
    }
}
