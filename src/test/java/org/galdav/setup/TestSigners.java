package org.galdav.setup;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test key material: a server key with its certificate, issued by a test CA, made with Bouncy Castle. */
final class TestSigners {
    private TestSigners() {
    }

    /** A server's private key and its chain as a TLS key store holds it: the server's certificate, then the CA's. */
    record Issued(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate ca() {
            return chain.get(chain.size() - 1);
        }
    }

    /** A fresh server key ({@code RSA} 2048 or {@code EC} P-256) and certificate, issued by a fresh CA. */
    static Issued issue(String algorithm) throws Exception {
        String signature = algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        KeyPair ca = keyPair(algorithm);
        KeyPair server = keyPair(algorithm);
        X500Principal caName = new X500Principal("CN=galdav test CA");
        X509Certificate caCertificate = certificate(caName, ca, caName, ca.getPrivate(), signature, true);
        X509Certificate serverCertificate = certificate(new X500Principal("CN=contacts.example.com"), server,
                caName, ca.getPrivate(), signature, false);
        return new Issued(server.getPrivate(), List.of(serverCertificate, caCertificate));
    }

    private static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Principal subject, KeyPair keys, X500Principal issuer,
            PrivateKey issuerKey, String signature, boolean ca) throws Exception {
        // valid around now: CMS verification checks the signer's certificate at the signing time
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli()).shiftLeft(1).add(BigInteger.valueOf(ca ? 1 : 0)),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
    }
}
