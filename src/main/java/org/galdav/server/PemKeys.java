package org.galdav.server;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM files (RFC 7468) with Bouncy Castle's parser: certificates ("BEGIN CERTIFICATE"), and an unencrypted
 * private key as PKCS#8 ("BEGIN PRIVATE KEY", RFC 5958), PKCS#1 ("BEGIN RSA PRIVATE KEY", RFC 8017 A.1.2) or
 * SEC1 ("BEGIN EC PRIVATE KEY", RFC 5915). Other blocks (an "EC PARAMETERS" block, a key next to the
 * certificates) are skipped, so certificate and key may share one file. The keys become JDK keys.
 */
final class PemKeys {
    private static final String KEY_FORMATS = "-----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or "
            + "-----BEGIN EC PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * Every certificate in the file, in its order.
     *
     * @throws IllegalArgumentException when the file is not PEM or holds no certificate
     */
    static List<X509Certificate> certificates(byte[] file) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Object block : blocks(file)) {
                if (block instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a certificate in it cannot be read (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The first private key in the file.
     *
     * @throws IllegalArgumentException when the file is not PEM, holds no key, or only an encrypted one
     */
    static PrivateKey privateKey(byte[] file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            for (Object block : blocks(file)) {
                if (block instanceof PEMKeyPair pair) {
                    // Only the private part: SEC1's public key is optional (RFC 5915 §3), and often missing.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (block instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalArgumentException("the private key is encrypted: galdav needs it unencrypted "
                            + "(openssl pkey -in key.pem -out plain.pem), in a file only the galdav user can read");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the private key cannot be read (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("no private key in it (expected " + KEY_FORMATS + ")");
    }

    private static List<Object> blocks(byte[] file) {
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(file, StandardCharsets.US_ASCII)))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable PEM file (" + e.getMessage() + ")", e);
        }
        return blocks;
    }
}
