package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.galdav.core.TimeSource;
import org.galdav.http.TlsSettings;
import org.galdav.setup.ProfileSigner;
import org.galdav.support.TestKeyStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apple profiles are signed with the certificate served now: after a renewal, with the new one. */
class ServedProfileSignerTest {
    @TempDir
    Path dir;

    @Test
    void aRenewedCertificateSignsTheProfilesFromThenOn() throws Exception {
        Path served = TestKeyStores.selfSigned(Files.createDirectory(dir.resolve("a")), "server.p12",
                List.of("dns:first.example"), "-keyalg", "EC", "-groupname", "secp256r1");
        Path renewed = TestKeyStores.selfSigned(Files.createDirectory(dir.resolve("b")), "server.p12",
                List.of("dns:second.example"), "-keyalg", "RSA", "-keysize", "2048");
        TlsSettings tls = new TlsSettings(Optional.of(new TlsSettings.KeyStoreFile(served, TestKeyStores.PASSWORD)),
                Duration.ZERO, OptionalInt.empty(), Duration.ZERO);
        try (CertificateReloader reloader = CertificateReloader.load(TlsFiles.of(tls).orElseThrow(), TimeSource.SYSTEM)) {
            ServedProfileSigner signers = new ServedProfileSigner(reloader.keys());
            ProfileSigner first = signers.current();
            assertThat(signerSubject(first)).isEqualTo("CN=first.example");
            assertThat(signers.current()).as("made again only when the key changes").isSameAs(first);

            Files.copy(renewed, served, StandardCopyOption.REPLACE_EXISTING);
            assertThat(reloader.reloadNow()).isEqualTo(CertificateReloader.Outcome.RELOADED);
            assertThat(signerSubject(signers.current())).isEqualTo("CN=second.example");
        }
    }

    /** Signs a profile and returns the subject of the certificate its signature verifies against. */
    private static String signerSubject(ProfileSigner signer) throws Exception {
        CMSSignedData signed = new CMSSignedData(signer.sign("<plist/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        SignerInformation information = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(information.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer.chain().get(0)))).isTrue();
        return signer.chain().get(0).getSubjectX500Principal().getName();
    }
}
