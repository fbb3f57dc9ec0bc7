package org.galdav.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.galdav.config.ConfigError;
import org.galdav.core.Sha256;
import org.galdav.http.TlsSettings;

/**
 * The files {@code http.tls} names, read and checked: PEM certificate chain and key, or a PKCS#12 key store.
 * {@link #summary} tells others (such as {@code galdav check}) what the served certificate is; the server reads
 * the contents, which it compares by digest to notice a renewal, and parses them into {@link KeyMaterial}.
 */
public final class TlsFiles {
    private final TlsSettings.Keys keys;

    private TlsFiles(TlsSettings.Keys keys) {
        this.keys = keys;
    }

    /**
     * What the configured certificate is.
     *
     * @param subject  the server certificate's subject, e.g. {@code CN=contacts.example.com}
     * @param notAfter when it stops being valid
     * @param names    its subject alternative names (DNS names and IP addresses), which clients check the host against
     * @param files    the keys and files it was read from, e.g. {@code http.tls.certificate /etc/...}
     */
    public record Summary(String subject, Instant notAfter, List<String> names, String files) {
        public Summary {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(notAfter, "notAfter");
            names = List.copyOf(names);
            Objects.requireNonNull(files, "files");
        }
    }

    /**
     * Reads and checks the configured files now.
     *
     * @return empty when {@code http.tls} names no files (plain HTTP)
     * @throws ConfigError naming the setting, the file and what is wrong with it, as the server's start would
     */
    public static Optional<Summary> summary(TlsSettings tls) {
        return of(tls).map(files -> {
            KeyMaterial material = files.load();
            return new Summary(material.subject(), material.notAfter(), names(material.certificate()), files.names());
        });
    }

    static Optional<TlsFiles> of(TlsSettings tls) {
        return tls.keys().map(TlsFiles::new);
    }

    /** The files as they are now, for {@link #parse}. */
    Contents read() throws IOException {
        if (keys instanceof TlsSettings.PemFiles pem) {
            return new Contents(List.of(read(pem.certificate(), "http.tls.certificate"),
                    read(pem.privateKey(), "http.tls.private-key")));
        }
        TlsSettings.KeyStoreFile store = (TlsSettings.KeyStoreFile) keys;
        return new Contents(List.of(read(store.file(), "http.tls.key-store")));
    }

    /** @throws IllegalArgumentException naming the setting and file, and what is wrong with them */
    KeyMaterial parse(Contents contents) {
        if (keys instanceof TlsSettings.PemFiles pem) {
            List<X509Certificate> chain = within("http.tls.certificate", pem.certificate(),
                    () -> PemKeys.certificates(contents.files().get(0)));
            return within("http.tls.private-key", pem.privateKey(), () -> new KeyMaterial(
                    PemKeys.privateKey(contents.files().get(1)), chain));
        }
        TlsSettings.KeyStoreFile store = (TlsSettings.KeyStoreFile) keys;
        return within("http.tls.key-store", store.file(), () -> KeyStoreKeys.read(contents.files().get(0),
                store.password()));
    }

    /** Reads and parses, for the start. @throws ConfigError when that fails */
    KeyMaterial load() {
        try {
            return parse(read());
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    /** The settings and files, for messages. */
    String names() {
        return keys instanceof TlsSettings.PemFiles pem
                ? "http.tls.certificate " + pem.certificate() + " and http.tls.private-key " + pem.privateKey()
                : "http.tls.key-store " + ((TlsSettings.KeyStoreFile) keys).file();
    }

    /** The bytes of each file, and their digest, which changes when any of them does. */
    record Contents(List<byte[]> files) {
        Contents {
            files = List.copyOf(files);
        }

        String digest() {
            MessageDigest digest = Sha256.digest();
            for (byte[] file : files) {
                digest.update(Integer.toString(file.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(file);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static byte[] read(Path file, String key) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("key '" + key + "': cannot read " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    private interface Parse<T> {
        T run();
    }

    private static <T> T within(String key, Path file, Parse<T> parse) {
        try {
            return parse.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "': " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (List<?> name : Optional.ofNullable(certificate.getSubjectAlternativeNames()).orElse(List.of())) {
                // RFC 5280 §4.2.1.6: dNSName is 2, iPAddress is 7; both come as strings.
                if (name.size() == 2 && (name.get(0).equals(2) || name.get(0).equals(7))) {
                    names.add(String.valueOf(name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }
}
