package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.galdav.setup.AppleProfile.Account;
import org.galdav.setup.TestSigners.Issued;
import org.junit.jupiter.api.Test;

class ProfileSignerTest {
    private static final byte[] PROFILE = AppleProfile.xml(new Account(URI.create("https://contacts.example.com/"),
            "alice", "Example Corp contacts"));

    // Object identifiers: SHA-256, rsaEncryption and sha256WithRSAEncryption (Bouncy Castle writes either in a
    // SignerInfo), ecdsa-with-SHA256 (RFC 5754 §2.2, §3.2, §3.3)
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    @Test
    void anRsaKeySignsTheProfileWithItsChainAttached() throws Exception {
        Issued rsa = TestSigners.issue("RSA");

        CMSSignedData signed = verified(new ProfileSigner(rsa.key(), rsa.chain()).sign(PROFILE), rsa.chain());

        assertThat(signed.getSignerInfos().getSigners()).singleElement()
                .satisfies(s -> assertThat(s.getDigestAlgOID()).isEqualTo(SHA256))
                .satisfies(s -> assertThat(s.getEncryptionAlgOID()).isIn(RSA_ENCRYPTION, SHA256_WITH_RSA));
    }

    @Test
    void anEcKeySignsTheProfileWithEcdsa() throws Exception {
        Issued ec = TestSigners.issue("EC");

        CMSSignedData signed = verified(new ProfileSigner(ec.key(), ec.chain()).sign(PROFILE), ec.chain());

        assertThat(signed.getSignerInfos().getSigners()).singleElement()
                .satisfies(s -> assertThat(s.getDigestAlgOID()).isEqualTo(SHA256))
                .satisfies(s -> assertThat(s.getEncryptionAlgOID()).isEqualTo(ECDSA_WITH_SHA256));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        Issued one = TestSigners.issue("EC");
        Issued other = TestSigners.issue("EC");

        assertThatThrownBy(() -> new ProfileSigner(other.key(), one.chain()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> new ProfileSigner(one.key(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no certificate");
        PrivateKey edwards = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        assertThatThrownBy(() -> new ProfileSigner(edwards, one.chain()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA or EC");
    }

    /** Parses the DER, verifies the one signer against the included certificate, and returns the structure. */
    private static CMSSignedData verified(byte[] der, List<X509Certificate> chain) throws Exception {
        CMSSignedData signed = new CMSSignedData(der);
        assertThat(ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER)).as("DER").isEqualTo(der);
        assertThat(ContentInfo.getInstance(der).getContentType()).isEqualTo(CMSObjectIdentifiers.signedData);
        assertThat(signed.getSignedContentTypeOID()).isEqualTo(CMSObjectIdentifiers.data.getId());
        assertThat((byte[]) signed.getSignedContent().getContent()).isEqualTo(PROFILE);
        NSDictionary profile = AppleProfileTest.parse((byte[]) signed.getSignedContent().getContent());
        assertThat(((NSString) profile.get("PayloadType")).getContent()).isEqualTo("Configuration");

        Collection<X509CertificateHolder> included = signed.getCertificates().getMatches(null);
        assertThat(included).containsExactlyInAnyOrderElementsOf(
                chain.stream().map(ProfileSignerTest::holder).toList());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        Collection<X509CertificateHolder> signerCertificates = signed.getCertificates().getMatches(signer.getSID());
        assertThat(signerCertificates).containsExactly(holder(chain.get(0)));
        X509CertificateHolder signerCertificate = signerCertificates.iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate))).isTrue();
        return signed;
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
