package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.config.SettingsLoader;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.support.DavClient;
import org.galdav.support.TestPki;
import org.galdav.support.TestPki.Issued;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ldap.trust-store} may be the PEM CA bundle an internal CA hands out (several certificates, text between
 * them): galdav then reaches an LDAPS directory whose certificate that CA issued, and names the problem when the
 * bundle holds another CA.
 */
class LdapPemTrustTest {
    @TempDir
    Path dir;
    private Issued ca;
    private InMemoryDirectoryServer ldaps;
    private String url;

    @BeforeEach
    void start() throws Exception {
        ca = TestPki.ca("Directory CA", "EC");
        Issued certificate = TestPki.server(ca, "RSA", Duration.ofDays(3), "dns:localhost");
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(DemoCompany.BASE_DN);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(),
                0, TestPki.serving(certificate, ca.certificate()).getServerSocketFactory(), null));
        ldaps = new InMemoryDirectoryServer(config);
        for (Entry entry : DemoCompany.entries(new DemoOptions(40, 7, 0))) {
            AddRequest add = new AddRequest(entry);
            add.addControl(new IgnoreNoUserModificationRequestControl());
            ldaps.add(add);
        }
        ldaps.startListening();
        // By name: the LDAP SDK checks the host name, except for numeric loopback addresses.
        url = "ldaps://localhost:" + ldaps.getListenPort();
    }

    @AfterEach
    void stop() {
        ldaps.shutDown(true);
    }

    private Map<String, Object> settings(Path trustStore) {
        Map<String, Object> settings = TestServers.pointingAt(url, DemoCompany.SERVICE_DN, DemoCompany.SERVICE_PASSWORD,
                DemoCompany.BASE_DN);
        settings.put("ldap.trust-store", trustStore.toString());
        settings.put("cache.warm-up", false);
        settings.put("ldap.connect-timeout", "10s");
        return settings;
    }

    /** A bundle as CAs publish them: another CA first, comment lines around each certificate. */
    private Path bundle(Issued... cas) throws Exception {
        StringBuilder text = new StringBuilder("# CA bundle for the directory\n");
        for (Issued each : cas) {
            Path one = TestPki.writeCertificates(dir.resolve("one.pem"), each.certificate());
            text.append("subject=").append(each.certificate().getSubjectX500Principal().getName()).append('\n')
                    .append(Files.readString(one)).append('\n');
        }
        return Files.writeString(dir.resolve("ca-bundle.pem"), text);
    }

    @Test
    void aPemBundleWithTheDirectorysCaLetsSearchesThrough() throws Exception {
        Path trust = bundle(TestPki.ca("Unrelated CA", "RSA"), ca);
        try (GaldavServer galdav = TestServers.start(settings(trust), new ArrayList<>(), TimeSource.SYSTEM)) {
            List<String> cards = new DavClient(galdav.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD)
                    .memberHrefs("/addressbooks/directory/");
            assertThat(cards).hasSizeGreaterThanOrEqualTo(40).allMatch(href -> href.endsWith(".vcf"));
        }
        assertThat(check(settings(trust))).startsWith("0: ").contains("ldap.base-dn " + DemoCompany.BASE_DN + ": found");
    }

    @Test
    void aPemBundleWithAnotherCaIsNamedAsNotTrusted() throws Exception {
        Path trust = bundle(TestPki.ca("Unrelated CA", "RSA"));
        assertThat(check(settings(trust))).startsWith("1: ").contains("certificate is not trusted", "ldap.trust-store",
                "PEM");
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        // Found when the connections are set up, before any is opened: check fails naming key and file.
        assertThat(check(settings(broken))).startsWith("1: ").contains("ldap.trust-store " + broken
                + ": a certificate in this PEM file cannot be read");
    }

    /** What {@code galdav check} prints and its exit code, as "code: text". */
    private static String check(Map<String, Object> settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Check(() -> SettingsLoader.load(ConfigFactory.parseMap(settings)),
                new PrintWriter(out, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).run();
        return code + ": " + out.toString(StandardCharsets.UTF_8);
    }
}
