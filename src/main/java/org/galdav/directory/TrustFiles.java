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
import java.util.ArrayList;
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
final class TrustFiles {
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private TrustFiles() {
    }

    /** @throws LDAPException when a PEM file cannot be read or holds no usable certificate */
    static TrustManager trustManager(Path file, Optional<String> password) throws LDAPException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem(file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (!new String(content, StandardCharsets.ISO_8859_1).contains(PEM_CERTIFICATE)) {
            return new TrustStoreTrustManager(file.toFile(), password.map(String::toCharArray).orElse(null), null,
                    true);
        }
        try {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content)));
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
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

    private static LDAPException problem(Path file, String what, Exception cause) {
        return new LDAPException(ResultCode.LOCAL_ERROR, "ldap.trust-store " + file + ": " + what, cause);
    }
}
