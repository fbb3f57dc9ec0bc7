package org.galdav.setup;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.galdav.core.KeyPairs;

/**
 * Signs a configuration profile with the server's own TLS key, so iOS and macOS show it as verified: a CMS
 * SignedData (RFC 5652 §5) with the profile encapsulated (attached), the signer's whole certificate chain in
 * {@code certificates}, DER-encoded, which is what Apple installs as a signed {@code .mobileconfig}.
 *
 * <p>Bouncy Castle only builds the CMS structure; digests and signatures come from the JDK's own providers
 * (no provider is registered globally). RSA keys sign with SHA256withRSA, EC keys with SHA256withECDSA
 * (RFC 5754 §3).
 *
 * <p>Thread-safe: immutable; each {@link #sign} builds its own signer.
 */
public final class ProfileSigner {
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String algorithm;
    private final JcaCertStore certificates;

    /**
     * @param key   the private key of the first certificate of {@code chain}
     * @param chain the signer's certificate first, then the certificates that issued it, as the TLS listener sends
     * @throws IllegalArgumentException when the chain is empty, the key is neither RSA nor EC, or the key does not
     *                                  belong to the first certificate
     */
    public ProfileSigner(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate to sign the profile with");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("cannot sign a profile with a " + key.getAlgorithm()
                    + " key: use an RSA or EC key");
        };
        requireMatch(key, this.chain.get(0), algorithm);
        try {
            this.certificates = new JcaCertStore(this.chain);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate chain: " + e.getMessage(), e);
        }
    }

    /** The signer's certificate first, then its issuers. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** {@code content} as a DER-encoded CMS SignedData that encapsulates it (RFC 5652 §5.1, §5.2). */
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(algorithm).build(key), chain.get(0)));
            generator.addCertificates(certificates);
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot sign the profile: " + e.getMessage(), e);
        }
    }


    /** Fails unless the key signs what the certificate's public key verifies: a key store can pair them wrongly. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, String algorithm) {
        try {
            if (KeyPairs.match(key, certificate.getPublicKey(), algorithm)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with the key of " + certificate.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the private key does not belong to the certificate "
                + certificate.getSubjectX500Principal());
    }
}
