package org.galdav.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Key stores with a fresh self-signed certificate, made with the JDK's keytool, for TLS in tests. */
public final class TestKeyStores {
    /** The password of every store made here. */
    public static final String PASSWORD = "changeit";

    private TestKeyStores() {
    }

    /**
     * A PKCS#12 file {@code name} in {@code dir} with the alias {@code galdav}: subject {@code CN=<first name>},
     * the names as subject alternative names (e.g. {@code ip:127.0.0.1}, {@code dns:localhost}), and the key
     * keytool makes with {@code keyOptions} (e.g. {@code -keyalg RSA -keysize 2048}).
     */
    public static Path selfSigned(Path dir, String name, List<String> names, String... keyOptions) throws Exception {
        return selfSigned(dir, name, names, null, 2, keyOptions);
    }

    /**
     * Like {@link #selfSigned(Path, String, List, String...)}, valid for {@code days} from {@code startDate}
     * (keytool's {@code -startdate}: "-30d" is thirty days ago, so with 10 days it expired twenty days ago;
     * null: now).
     */
    public static Path selfSigned(Path dir, String name, List<String> names, String startDate, int days,
                                  String... keyOptions) throws Exception {
        Path store = dir.resolve(name);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "galdav"));
        command.addAll(List.of(keyOptions));
        if (startDate != null) {
            command.addAll(List.of("-startdate", startDate));
        }
        command.addAll(List.of("-dname", "CN=" + names.get(0).substring(names.get(0).indexOf(':') + 1),
                "-ext", "SAN=" + String.join(",", names), "-validity", String.valueOf(days), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        return store;
    }

    /** The certificate of the {@code galdav} entry of a store made here. */
    public static java.security.cert.X509Certificate certificate(Path store) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return (java.security.cert.X509Certificate) keys.getCertificate("galdav");
    }

    /** A client TLS context that trusts exactly this certificate, as a client of a self-signed server would. */
    public static javax.net.ssl.SSLContext trusting(java.security.cert.X509Certificate certificate) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("galdav", certificate);
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
