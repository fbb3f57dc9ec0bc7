package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The directory's CA certificates from {@code ldap.trust-store}, told apart by content: a PEM file with one or
 * more "BEGIN CERTIFICATE" blocks (RFC 7468 §5, such as {@code /etc/ipa/ca.crt} or an internal CA's bundle; text
 * between the blocks is allowed) is read once, here, and checked by the JDK's PKIX validation (RFC 5280 §6), with
 * every certificate in it a trust anchor; anything else is a PKCS#12 or JKS trust store, which the LDAP SDK
 * reads at each handshake.
 */
public final class TrustFiles {
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private TrustFiles() {
    }

    /** @throws LDAPException when a PEM file cannot be read or holds no usable certificate */
    static TrustManager trustManager(Path file, Optional<String> password) throws LDAPException {
        byte[] content = read(file);
        if (!isPem(content)) {
            return new TrustStoreTrustManager(file.toFile(), password.map(String::toCharArray).orElse(null), null,
                    true);
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            List<X509Certificate> certificates = pemCertificates(file, content);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    return manager;
                }
            }
            throw problem(file, "the JVM has no X.509 trust manager", null);
        } catch (GeneralSecurityException | IOException e) {
            throw problem(file, "a certificate in this PEM file cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The certificates the file holds, told apart as {@link #trustManager} tells them apart: the blocks of a PEM
     * file, or every certificate entry of a key store (for {@code galdav check}'s report of their expiry).
     *
     * @throws LDAPException when the file cannot be read
     */
    public static List<X509Certificate> certificates(Path file, Optional<String> password) throws LDAPException {
        byte[] content = read(file);
        if (isPem(content)) {
            return pemCertificates(file, content);
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(new ByteArrayInputStream(content), password.map(String::toCharArray).orElse(null));
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
            return certificates;
        } catch (GeneralSecurityException | IOException e) {
            throw problem(file, "cannot open it as a key store (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] read(Path file) throws LDAPException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem(file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains(PEM_CERTIFICATE);
    }

    private static List<X509Certificate> pemCertificates(Path file, byte[] content) throws LDAPException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content))) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw problem(file, "a certificate in this PEM file cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static LDAPException problem(Path file, String what, Exception cause) {
        return new LDAPException(ResultCode.LOCAL_ERROR, "ldap.trust-store " + file + ": " + what, cause);
    }
}
