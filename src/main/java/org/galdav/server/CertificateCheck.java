package org.galdav.server;

import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.galdav.config.ConfigError;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.TrustFiles;
import org.galdav.http.HttpSettings;

/**
 * The TLS part of {@code galdav check}: each certificate file galdav reads, with its subject and expiry.
 * A certificate that expired (or is not valid yet) fails; one that expires within {@link #SOON} is a
 * warning. {@link #serverChain} takes the chain however it was read, so that every way of configuring
 * the server's certificate (PEM files or a PKCS#12 key store) is reported alike.
 */
final class CertificateCheck {
    /** Certificates expiring sooner than this are reported, while there is still time to renew them. */
    static final Duration SOON = Duration.ofDays(14);

    private final CheckReport report;
    private final Instant now;

    CertificateCheck(CheckReport report, Instant now) {
        this.report = report;
        this.now = now;
    }

    /**
     * The server's certificate, when {@code http.tls} names one (a PEM chain and key, or a PKCS#12 key store):
     * read exactly as the server reads it at start, so a file the server would refuse fails here too.
     */
    void httpCertificate(HttpSettings http) {
        Optional<TlsFiles> files = TlsFiles.of(http.tls());
        if (files.isEmpty()) {
            return;
        }
        try {
            serverChain(files.get().names(), files.get().load().chain());
        } catch (ConfigError e) {
            report.fail(files.get().names(), e.getMessage().replaceFirst("^configuration: ", "")
                    + " — fix the file (certbot: fullchain.pem and privkey.pem) or the setting");
        }
    }

    /** {@code ldap.trust-store}, when set: a PKCS#12 or JKS trust store, or a PEM bundle. */
    void ldapTrustStore(LdapSettings ldap) {
        if (ldap.trustStore().isEmpty()) {
            return;
        }
        Path file = ldap.trustStore().get();
        String source = "ldap.trust-store " + file;
        try {
            trusted(source, TrustFiles.certificates(file, ldap.trustStorePassword()));
        } catch (LDAPException e) {
            report.fail(source, e.getMessage().replace(source + ": ", "") + " — check the file and "
                    + "ldap.trust-store-password");
        }
    }

    /**
     * One line for the chain a server presents, leaf first, read from {@code source} (a setting and its
     * file): the leaf's subject and the first expiry in the chain.
     */
    void serverChain(String source, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            report.fail(source, "holds no certificate — put the server's certificate (and its chain) into it");
            return;
        }
        X509Certificate leaf = chain.get(0);
        X509Certificate first = chain.stream().min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
        String subject = leaf.getSubjectX500Principal().getName();
        Optional<X509Certificate> early = chain.stream().filter(c -> c.getNotBefore().toInstant().isAfter(now)).findFirst();
        if (early.isPresent()) {
            report.fail(source, "the certificate " + early.get().getSubjectX500Principal().getName() + " is not valid "
                    + "before " + early.get().getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS) + " — check the machine's clock, or use a certificate valid now");
        } else if (expired(first)) {
            report.fail(source, "the certificate " + first.getSubjectX500Principal().getName() + " expired on "
                    + date(first) + " — renew it and replace the file");
        } else if (soon(first)) {
            report.warn(source + ": " + subject + ", expires on " + date(first) + " (in " + days(first) + " days)",
                    "renew it and replace the file");
        } else {
            report.ok(source + ": " + subject + ", valid until " + date(first) + " (" + days(first) + " days)");
        }
    }

    /** One line for certificates trusted as CAs: how many, and the first to expire. */
    void trusted(String source, List<X509Certificate> certificates) {
        List<X509Certificate> valid = certificates.stream().filter(c -> !expired(c)).toList();
        if (valid.isEmpty()) {
            report.fail(source, certificates.isEmpty() ? "holds no certificate — put the directory's CA certificate "
                    + "into it" : "every certificate in it has expired — put the directory's current CA certificate "
                    + "into it");
            return;
        }
        X509Certificate first = certificates.stream().min(Comparator.comparing(X509Certificate::getNotAfter))
                .orElseThrow();
        String text = source + ": " + certificates.size() + " certificate(s); the first to expire, "
                + first.getSubjectX500Principal().getName() + ", on " + date(first);
        if (expired(first) || soon(first)) {
            report.warn(text, "replace it in the trust store once the directory's certificate no longer depends on it");
        } else {
            report.ok(text);
        }
    }

    private boolean expired(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isBefore(now);
    }

    private boolean soon(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().isBefore(now.plus(SOON));
    }

    private long days(X509Certificate certificate) {
        return Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    }

    private static String date(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
