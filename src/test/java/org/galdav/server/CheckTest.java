package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.mapping.Mapping;
import org.galdav.support.TestKeyStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code galdav check}, one line per check, against the in-memory demo directory: every server of ldap.url
 * on its own, a sample count per book that agrees with the directory's content, the change tracking the
 * server would use, the key store's expiry, and exit codes 0, 1 and 2. ({@link CheckProblemsTest} has the
 * directory's failures in words.)
 */
class CheckTest {
    private static final DemoOptions PEOPLE = new DemoOptions(12, 5, 0);
    private static DemoDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        directory = DemoDirectory.start(PEOPLE);
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static Map<String, Object> pointingAt(Object url) {
        Map<String, Object> settings = new HashMap<>(Map.of("ldap.url", url, "ldap.bind-dn", DemoCompany.SERVICE_DN,
                "ldap.bind-password", DemoCompany.SERVICE_PASSWORD, "ldap.base-dn", DemoCompany.BASE_DN,
                "ldap.connect-timeout", "10s"));
        return settings;
    }

    /** Exit code and printed lines. */
    private record Outcome(int code, List<String> lines) {
        List<String> starting(String outcome) {
            return lines.stream().filter(l -> l.startsWith(outcome + " ")).toList();
        }

        String line(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in " + lines));
        }
    }

    private static Outcome check(Map<String, Object> settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Check(() -> SettingsLoader.load(ConfigFactory.parseMap(settings)),
                new PrintWriter(out, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).run();
        return new Outcome(code, Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")));
    }

    @Test
    void everyLineIsOneCheckWithItsOutcomeAndAllPassOnAWorkingDirectory() {
        Outcome outcome = check(pointingAt(directory.url()));
        assertThat(outcome.code()).as(String.join("\n", outcome.lines())).isZero();
        assertThat(outcome.lines()).allMatch(l -> l.matches("(OK  |WARN|FAIL|SKIP) \\S.*"));
        assertThat(outcome.lines()).first().asString().startsWith("OK   configuration: 1 book(s), directory "
                + directory.url());
        assertThat(outcome.lines()).contains("OK   ldap.url " + directory.url() + ": accepts connections",
                "OK   bind as " + DemoCompany.SERVICE_DN, "OK   ldap.base-dn " + DemoCompany.BASE_DN + ": found");
    }

    @Test
    void aServerThatIsDownNextToOneThatWorksIsOneFailLineAndExitCode1() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String down = "ldap://127.0.0.1:" + closed;
        Outcome outcome = check(pointingAt(List.of(down, directory.url())));
        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.starting("FAIL")).singleElement().asString()
                .startsWith("FAIL ldap.url " + down + ": nothing accepts connections at 127.0.0.1:" + closed);
        // The pool fails over: the bind and everything after it still pass.
        assertThat(outcome.lines()).contains("OK   ldap.url " + directory.url() + ": accepts connections",
                "OK   bind as " + DemoCompany.SERVICE_DN);
    }

    @Test
    void theSampleSearchCountsWhatTheMappingPublishes() throws Exception {
        Settings settings = SettingsLoader.load(ConfigFactory.parseMap(pointingAt(directory.url())));
        Mapping mapping = BookAssembly.mappingFor(settings.books().get(0));
        List<Entry> entries = DemoCompany.entries(PEOPLE);
        long published = entries.stream().filter(e -> matches(mapping.entryFilter(), e)).count();
        long groups = entries.stream().filter(e -> matches(mapping.entryFilter(), e) && matches(mapping.groupFilter(), e))
                .count();
        assertThat(groups).isPositive();
        Matcher counted = Pattern.compile("OK   book directory: (\\d+) people and (\\d+) groups below "
                + Pattern.quote(DemoCompany.BASE_DN)).matcher(check(pointingAt(directory.url())).line("OK   book directory: "
                + (published - groups)));
        assertThat(counted.matches()).isTrue();
        assertThat(Long.parseLong(counted.group(1))).isEqualTo(published - groups);
        assertThat(Long.parseLong(counted.group(2))).isEqualTo(groups);
    }

    @Test
    void eachBookSaysHowItsChangesAreFollowedAndAnUnavailableChoiceFails() {
        assertThat(check(pointingAt(directory.url())).lines())
                .contains("OK   book directory: changes followed with changelog (sync.change-tracking = auto)");
        Map<String, Object> off = pointingAt(directory.url());
        off.put("sync.change-tracking", "off");
        assertThat(check(off).line("OK   book directory: change tracking off")).contains("comparing listings");
        // The in-memory directory offers no content synchronization (RFC 4533).
        Map<String, Object> syncrepl = pointingAt(directory.url());
        syncrepl.put("sync.change-tracking", "syncrepl");
        Outcome outcome = check(syncrepl);
        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.starting("FAIL")).singleElement().asString().startsWith(
                "FAIL book directory: change tracking: sync.change-tracking = syncrepl, but the directory does not "
                        + "offer it").contains("set sync.change-tracking = auto");
    }

    @Test
    void theKeyStoresCertificateIsReportedWithItsExpiry(@TempDir Path dir) throws Exception {
        Map<String, Object> valid = withKeyStore(TestKeyStores.selfSigned(dir, "valid.p12", List.of("dns:valid.example"),
                null, 365, "-keyalg", "EC", "-groupname", "secp256r1"));
        Outcome fine = check(valid);
        assertThat(fine.code()).isZero();
        assertThat(fine.line("OK   http.tls.key-store ")).matches("OK   http\\.tls\\.key-store \\S+valid\\.p12: "
                + "CN=valid\\.example, valid until \\d{4}-\\d\\d-\\d\\dT\\S+Z \\(36[45] days\\)");

        Outcome soon = check(withKeyStore(TestKeyStores.selfSigned(dir, "soon.p12", List.of("dns:soon.example"),
                null, 3, "-keyalg", "EC", "-groupname", "secp256r1")));
        assertThat(soon.code()).as("a warning is no failure").isZero();
        assertThat(soon.line("WARN http.tls.key-store ")).contains("CN=soon.example, expires on ", "— renew it");

        Outcome expired = check(withKeyStore(TestKeyStores.selfSigned(dir, "expired.p12", List.of("dns:old.example"),
                "-30d", 10, "-keyalg", "EC", "-groupname", "secp256r1")));
        assertThat(expired.code()).isEqualTo(1);
        assertThat(expired.starting("FAIL")).singleElement().asString().startsWith("FAIL http.tls.key-store ")
                .contains("the certificate CN=old.example expired on ", "renew it");
    }

    /** ldap.trust-store as a PKCS#12 store or a PEM bundle: how many certificates, the first to expire. */
    @Test
    void theLdapTrustStoreIsReadAsAKeyStoreOrAsPem(@TempDir Path dir) throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "ca.p12", List.of("dns:ca.example"), null, 400, "-keyalg", "EC",
                "-groupname", "secp256r1");
        Path pem = dir.resolve("ca.pem");
        Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-exportcert", "-rfc", "-alias", "galdav", "-keystore", store.toString(), "-storepass",
                TestKeyStores.PASSWORD, "-file", pem.toString()).redirectErrorStream(true).start();
        assertThat(export.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(export.exitValue()).isZero();
        for (Path trusted : List.of(store, pem)) {
            Map<String, Object> settings = pointingAt(directory.url());
            settings.put("ldap.trust-store", trusted.toString());
            settings.put("ldap.trust-store-password", TestKeyStores.PASSWORD);
            Outcome outcome = check(settings);
            assertThat(outcome.code()).isZero();
            assertThat(outcome.line("OK   ldap.trust-store ")).isEqualTo("OK   ldap.trust-store " + trusted
                    + ": 1 certificate(s); the first to expire, CN=ca.example, on " + notAfter(pem));
        }
    }

    private static String notAfter(Path pem) throws Exception {
        return org.galdav.directory.TrustFiles.certificates(pem, java.util.Optional.empty()).get(0).getNotAfter().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }

    private static Map<String, Object> withKeyStore(Path store) {
        Map<String, Object> settings = pointingAt(directory.url());
        settings.put("http.tls.key-store", store.toString());
        settings.put("http.tls.key-store-password", TestKeyStores.PASSWORD);
        return settings;
    }

    @Test
    void anInvalidConfigurationOrMappingIsExitCode2() {
        Map<String, Object> badPort = pointingAt(directory.url());
        badPort.put("http.port", "abc");
        Outcome config = check(badPort);
        assertThat(config.code()).isEqualTo(2);
        assertThat(config.lines()).singleElement().asString().startsWith("FAIL configuration: ").contains("http.port");

        Map<String, Object> badMapping = pointingAt(directory.url());
        badMapping.put("books", List.of(Map.of("id", "team", "mapping", "mappings/no-such-mapping.conf")));
        Outcome mapping = check(badMapping);
        assertThat(mapping.code()).isEqualTo(2);
        assertThat(mapping.starting("FAIL")).singleElement().asString()
                .startsWith("FAIL book team: mapping mappings/no-such-mapping.conf: ");
        assertThat(mapping.lines()).as("the directory is still checked").contains("OK   bind as " + DemoCompany.SERVICE_DN);
    }

    private static boolean matches(Filter filter, Entry entry) {
        try {
            return filter.matchesEntry(entry);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
