package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.galdav.config.SettingsLoader;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.support.TestKeyStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code galdav check} states every failure in plain words with the setting to change — where it used to say
 * "NOT reachable (see the log above)" with nothing above. Real failures against in-memory directories: a
 * refused StartTLS, a wrong password, a closed port, a plain port behind ldaps://, an untrusted certificate, a
 * certificate for another host, an unknown host, a missing base DN.
 */
class CheckProblemsTest {
    private static DemoDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        directory = DemoDirectory.start(new DemoOptions(5, 4, 0));
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static Map<String, Object> pointingAt(String url) {
        Map<String, Object> settings = new HashMap<>(Map.of("ldap.url", url, "ldap.bind-dn", DemoCompany.SERVICE_DN,
                "ldap.bind-password", DemoCompany.SERVICE_PASSWORD, "ldap.base-dn", DemoCompany.BASE_DN,
                "ldap.connect-timeout", "10s"));
        return settings;
    }

    /** What check prints and its exit code, as "code: text". */
    private static String check(Map<String, Object> settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Check(() -> SettingsLoader.load(ConfigFactory.parseMap(settings)),
                new PrintWriter(out, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).run();
        return code + ": " + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWorkingDirectoryAndItsBaseArePassed() throws Exception {
        assertThat(check(pointingAt(directory.url()))).startsWith("0: ").contains("OK   ldap.url " + directory.url()
                + ": accepts connections", "OK   bind as " + DemoCompany.SERVICE_DN, "OK   ldap.base-dn "
                + DemoCompany.BASE_DN + ": found");
    }

    @Test
    void aRefusedStartTlsIsNamedWithItsFixes() throws Exception {
        Map<String, Object> settings = pointingAt(directory.url());
        settings.put("ldap.start-tls", true);
        assertThat(check(settings)).startsWith("1: ").contains("FAIL ldap.url " + directory.url()
                + ": the directory refused StartTLS", "ldap.start-tls = false", "ldaps://")
                .doesNotContain("see the log above");
    }

    @Test
    void aWrongServiceAccountPasswordNamesTheSettings() throws Exception {
        Map<String, Object> settings = pointingAt(directory.url());
        settings.put("ldap.bind-password", "wrong");
        assertThat(check(settings)).startsWith("1: ").contains("FAIL bind as " + DemoCompany.SERVICE_DN
                + ": the directory refused the service account's credentials", "ldap.bind-password");
    }

    @Test
    void aClosedPortAndAnUnknownHostAreNamed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(check(pointingAt("ldap://127.0.0.1:" + closed))).startsWith("1: ")
                .contains("nothing accepts connections at 127.0.0.1:" + closed);
        assertThat(check(pointingAt("ldap://no-such-host.invalid:389"))).startsWith("1: ")
                .contains("the host name in ldap.url cannot be resolved");
    }

    @Test
    void ldapsOnAPlainPortSaysWhatLdapsExpects() throws Exception {
        assertThat(check(pointingAt(directory.url().replace("ldap://", "ldaps://")))).startsWith("1: ")
                .contains("the TLS handshake failed", "ldap.start-tls = true");
    }

    @Test
    void aMissingBaseDnIsNamed() throws Exception {
        Map<String, Object> settings = pointingAt(directory.url());
        settings.put("ldap.base-dn", "dc=nowhere,dc=example");
        assertThat(check(settings)).startsWith("1: ").contains("FAIL ldap.base-dn dc=nowhere,dc=example: NOT found");
    }

    @Test
    void certificatesThatAreNotTrustedOrNameAnotherHostAreNamed(@TempDir Path dir) throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "ldap.p12", List.of("dns:wrong-host.example"), "-keyalg", "EC",
                "-groupname", "secp256r1");
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(DemoCompany.BASE_DN);
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(store.toFile(), "changeit".toCharArray(), "PKCS12", null), null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), 0,
                tls.createSSLServerSocketFactory(), null));
        InMemoryDirectoryServer secure = new InMemoryDirectoryServer(config);
        secure.startListening();
        try {
            // By name: UnboundID accepts any certificate for a numeric loopback address.
            String url = "ldaps://localhost:" + secure.getListenPort();
            assertThat(check(pointingAt(url))).startsWith("1: ").contains("certificate is not trusted", "ldap.trust-store");
            Map<String, Object> trusting = pointingAt(url);
            trusting.put("ldap.trust-store", store.toString());
            trusting.put("ldap.trust-store-password", "changeit");
            assertThat(check(trusting)).startsWith("1: ").contains("does not name the host");
        } finally {
            secure.shutDown(true);
        }
    }
}
