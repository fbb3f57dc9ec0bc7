package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.galdav.setup.AppleProfile.Account;
import org.galdav.setup.TestSigners.Issued;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A second, independent CMS implementation reads the signed profile: OpenSSL's {@code cms -verify} extracts the
 * content, checks the signature, and builds the chain from the certificates inside the profile up to the test CA.
 * An IT because it needs the {@code openssl} command (Debian package {@code openssl}).
 */
class ProfileSignerOpensslIT {
    private static final byte[] PROFILE = AppleProfile.xml(new Account(URI.create("https://contacts.example.com/"),
            "alice", "Example Corp contacts"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void opensslVerifiesTheSignatureAndTheChainItCarries(String algorithm) throws Exception {
        Issued issued = TestSigners.issue(algorithm);
        Path signed = Files.write(dir.resolve("profile.mobileconfig"),
                new ProfileSigner(issued.key(), issued.chain()).sign(PROFILE));
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(issued.ca().getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        Path content = dir.resolve("content-noverify.plist");
        openssl("cms", "-verify", "-inform", "DER", "-in", signed.toString(), "-noverify",
                "-out", content.toString());
        assertThat(Files.readAllBytes(content)).isEqualTo(PROFILE);

        // only the CA is given: the server's certificate must come from inside the profile
        Path chained = dir.resolve("content-chain.plist");
        openssl("cms", "-verify", "-inform", "DER", "-in", signed.toString(), "-CAfile", ca.toString(),
                "-purpose", "any", "-out", chained.toString());
        assertThat(Files.readAllBytes(chained)).isEqualTo(PROFILE);
        assertThat(AppleProfileTest.parse(Files.readAllBytes(chained)).get("PayloadType").toString())
                .isEqualTo("Configuration");
    }

    private void openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    }
}
