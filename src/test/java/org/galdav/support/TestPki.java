package org.galdav.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A test PKI made with Bouncy Castle: CAs, intermediates and server certificates with RSA or EC keys, written as
 * the PEM files certbot or an internal CA hand out (chain, and the key as PKCS#8, PKCS#1 or SEC1).
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A key and the certificate issued for it. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public PrivateKey key() {
            return keys.getPrivate();
        }
    }

    /** How a private key is written. */
    public enum KeyFormat {
        /** "BEGIN PRIVATE KEY" (RFC 5958). */
        PKCS8,
        /** "BEGIN RSA PRIVATE KEY" or "BEGIN EC PRIVATE KEY": OpenSSL's traditional format (RFC 8017, RFC 5915). */
        TRADITIONAL
    }

    private TestPki() {
    }

    /** A fresh key pair: "RSA" (2048 bits) or "EC" (P-256). */
    public static KeyPair keyPair(String type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
        if (type.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    /** A self-signed CA certificate. */
    public static Issued ca(String name, String keyType) throws Exception {
        KeyPair keys = keyPair(keyType);
        return new Issued(keys, build(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys.getPrivate(),
                Duration.ofDays(30), true, List.of()));
    }

    /** A CA certificate (an intermediate) issued by {@code issuer}. */
    public static Issued intermediate(Issued issuer, String name, String keyType) throws Exception {
        KeyPair keys = keyPair(keyType);
        return new Issued(keys, build(subject(issuer), keys, new X500Name("CN=" + name), issuer.key(),
                Duration.ofDays(30), true, List.of()));
    }

    /**
     * A server certificate issued by {@code issuer}, valid from an hour ago for {@code validity}.
     *
     * @param names e.g. "dns:localhost", "ip:127.0.0.1"; the first (without prefix) is also the CN
     */
    public static Issued server(Issued issuer, String keyType, Duration validity, String... names) throws Exception {
        KeyPair keys = keyPair(keyType);
        String cn = names[0].substring(names[0].indexOf(':') + 1);
        return new Issued(keys, build(subject(issuer), keys, new X500Name("CN=" + cn), issuer.key(), validity, false,
                List.of(names)));
    }

    /** Writes the certificates as one PEM file, in this order; replaces the file in one step. */
    public static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
        return replace(file, text.toString());
    }

    /**
     * Writes the private key as PEM in {@code format}; replaces the file in one step. An EC key in the traditional
     * format is written as OpenSSL writes it, with its curve and public key (RFC 5915 §3).
     */
    public static Path writeKey(Path file, KeyPair keys, KeyFormat format) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            if (format == KeyFormat.PKCS8) {
                pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
            } else if (keys.getPrivate().getAlgorithm().equals("EC")) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
                BigInteger secret = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
                org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret,
                        SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
                        info.getPrivateKeyAlgorithm().getParameters());
                pem.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            } else {
                pem.writeObject(keys.getPrivate());
            }
        }
        return replace(file, text.toString());
    }

    /** Writes {@code text} to {@code file} through a temporary file and a move, as certbot's renewal does. */
    public static Path replace(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A client context that trusts exactly {@code anchors}. */
    public static SSLContext trusting(X509Certificate... anchors) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            trust.setCertificateEntry("anchor-" + i, anchors[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A server context presenting {@code issued} with the rest of {@code chain}. */
    public static SSLContext serving(Issued issued, X509Certificate... rest) throws Exception {
        X509Certificate[] chain = new X509Certificate[rest.length + 1];
        chain[0] = issued.certificate();
        System.arraycopy(rest, 0, chain, 1, rest.length);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", issued.key(), "secret".toCharArray(), chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static X500Name subject(Issued issued) {
        return new X500Name(issued.certificate().getSubjectX500Principal().getName());
    }

    private static X509Certificate build(X500Name issuer, KeyPair subjectKeys, X500Name subject, PrivateKey signer,
                                         Duration validity, boolean ca, List<String> names) throws Exception {
        Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(from.plus(validity)), subject,
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (!names.isEmpty()) {
            GeneralName[] general = names.stream().map(name -> name.startsWith("ip:")
                    ? new GeneralName(GeneralName.iPAddress, name.substring(3))
                    : new GeneralName(GeneralName.dNSName, name.substring(name.indexOf(':') + 1)))
                    .toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
        }
        String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
