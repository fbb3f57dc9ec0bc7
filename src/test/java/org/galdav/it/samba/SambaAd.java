package org.galdav.it.samba;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.galdav.it.PrivateDirectoryServer;
import org.galdav.it.ServerProcess;

/**
 * A private Samba 4 Active Directory domain controller for integration tests, so that the LDAP
 * code meets a real AD implementation (objectGUID, userAccountControl, ranged attributes,
 * search references, AD bind names) rather than only OpenLDAP.
 *
 * <p><b>Layout.</b> Provisioning a domain ({@code samba-tool domain provision}) takes about 5 s,
 * so it is done once per Samba version into a <em>template</em> directory
 * {@code ${java.io.tmpdir}/galdav-samba-<version>-r<revision>} ({@link SambaTemplate}; guarded by a file lock, built in a
 * staging directory and renamed into place, started once so that Samba generates its TLS key and
 * certificate there). Every {@link #start()} copies the template into a fresh temporary directory,
 * writes its own {@code smb.conf} there and runs {@code samba -i -M single -s <that file>}: one
 * process, in the foreground, as a child of the JVM. Nothing outside the two directories is read
 * or written; the system's {@code /etc/samba/smb.conf}, {@code /etc/krb5.conf} and Samba service
 * are never used. Samba's stdin is a pipe from the JVM, and {@code --interactive} makes it exit on
 * EOF there, so no server outlives the JVM even if the JVM is killed; {@link #close()} and a
 * shutdown hook stop it earlier.
 *
 * <p><b>Address.</b> Samba's LDAP ports are compiled in (389, 636 and the global catalog 3268,
 * 3269; there is no {@code smb.conf} option for them), so instead of a free port every instance
 * gets a free loopback <em>address</em>, a random {@code 127.x.y.z} other than {@code 127.0.0.1},
 * and binds only there ({@code interfaces = 127.x.y.z/8}, {@code bind interfaces only = yes}).
 * Binding port 389 needs root, hence {@link #available()} requires it.
 *
 * <p><b>Server.</b> Only the {@code ldap} service runs (no SMB, Kerberos, DNS, NetBIOS). Simple
 * binds over plain LDAP are allowed ({@code ldap server require strong auth = no}), with the bind
 * name as a DN ({@link #adminDn()}) or as a UPN ({@code Administrator@GALDAV.TEST}). LDAPS (636,
 * self-signed certificate) works as well: {@link #connectLdapsAsAdmin()}. The domain is
 * {@value #REALM} with base DN {@value #BASE_DN}; the {@code Administrator} password is replaced by
 * a random one right after start ({@link #adminPassword()}).
 *
 * <p>Set the system property {@code galdav.samba.debug} to a Samba debug level (e.g. {@code 3})
 * for more output; {@link #output()} returns what Samba printed so far, and every start failure
 * includes it.
 */
public final class SambaAd extends PrivateDirectoryServer {

    /** Where Debian/Ubuntu's {@code samba} package installs the server and its admin tool. */
    static final Path SAMBA = Path.of("/usr/sbin/samba");
    static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");

    public static final String REALM = "GALDAV.TEST";
    public static final String DOMAIN = "GALDAV";
    public static final String BASE_DN = "DC=galdav,DC=test";
    /** The default container of users and groups ({@code CN=Users,DC=galdav,DC=test}). */
    public static final String USERS_DN = "CN=Users," + BASE_DN;

    /** Compiled into Samba; see the class comment. */
    public static final int LDAP_PORT = 389;
    public static final int LDAPS_PORT = 636;

    /** The Administrator password stored in the template; each instance replaces it at start. */
    static final String TEMPLATE_ADMIN_PASSWORD = "Templ4te-Admin!";

    private static final Readiness READINESS = new Readiness("samba", 30_000, 10, 200,
            out -> out.contains("NT_STATUS_ADDRESS_ALREADY_ASSOCIATED") || out.contains("Address already in use"));
    private static final int ADDRESS_ATTEMPTS = 5;

    private final boolean deleteOnClose;

    private SambaAd(Path dir, boolean deleteOnClose) {
        super(READINESS, dir, BASE_DN, "CN=Administrator," + USERS_DN, TEMPLATE_ADMIN_PASSWORD, 30_000);
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Whether Samba can be run here: {@code /usr/sbin/samba} and {@code /usr/bin/samba-tool} exist
     * and the JVM runs as root (Samba's LDAP port 389 is privileged and cannot be changed).
     */
    public static boolean available() {
        return Files.isExecutable(SAMBA) && Files.isExecutable(SAMBA_TOOL) && isRoot();
    }

    /** Why {@link #available()} is false, for assumption and failure messages. */
    public static String unavailableReason() {
        if (!Files.isExecutable(SAMBA) || !Files.isExecutable(SAMBA_TOOL)) {
            return SAMBA + " or " + SAMBA_TOOL + " is missing: install the Debian packages 'samba-ad-dc "
                    + "samba-ad-provision' (they pull in samba, samba-common-bin) to run the Samba AD tests";
        }
        if (!isRoot()) {
            return "the Samba AD tests need root: Samba's LDAP server always listens on port 389";
        }
        return "available";
    }

    private static boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid of the process looking at it.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * Starts a fresh domain controller (a copy of the cached template, provisioned first if
     * needed) and returns once the Administrator can bind over LDAP.
     */
    public static SambaAd start() throws Exception {
        if (!available()) {
            throw new IllegalStateException(unavailableReason());
        }
        Path template = SambaTemplate.template();
        return started(new SambaAd(Files.createTempDirectory("galdav-samba-"), true), samba -> {
            SambaTemplate.copyTree(template, samba.directory());
            samba.launch();
            // AD complexity: upper, lower, digit, symbol
            samba.setAdminPassword(ServerProcess.randomPassword("Gd7-"));
        });
    }

    /** Starts Samba once in the freshly provisioned template {@code dir}, which close() keeps. */
    static SambaAd warmUp(Path dir) throws Exception {
        return started(new SambaAd(dir, false), SambaAd::launch);
    }

    /**
     * Writes a configuration for a free loopback address, starts Samba and waits until the
     * Administrator can bind; retries with another address when the chosen one turns out to be taken.
     */
    private void launch() throws Exception {
        launch(ADDRESS_ATTEMPTS, (attempt, log) -> {
            String address = SambaTemplate.pickAddress();
            Path conf = SambaTemplate.writeConfig(directory(), address);
            listenOn(address, LDAP_PORT);
            List<String> cmd = new ArrayList<>(List.of(SAMBA.toString(),
                    "--interactive", // foreground, logs to stdout, exits on EOF on stdin
                    "--model=single", // one process: nothing to orphan, killing it stops everything
                    "--configfile=" + conf));
            String debug = System.getProperty("galdav.samba.debug");
            if (debug != null && !debug.isBlank()) {
                cmd.add("--debuglevel=" + debug.trim());
            }
            // stdin stays an open pipe: samba --interactive terminates on EOF there, i.e. as soon as
            // this JVM is gone, even when killed without running shutdown hooks.
            return SambaTemplate.command(directory(), log, cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        });
    }

    /** Replaces the Administrator password (an LDAP password reset by the Administrator itself). */
    private void setAdminPassword(String newPassword) throws Exception {
        try (LDAPConnection c = connectAsAdmin()) {
            c.modify(adminDn(), new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd(newPassword)));
        }
        setRootPassword(newPassword);
    }

    // ---------------------------------------------------------------- accessors

    /** {@code ldaps://127.x.y.z:636}; the certificate is self-signed, see {@link #connectLdapsAsAdmin()}. */
    public String ldapsUrl() {
        return "ldaps://" + host() + ":" + LDAPS_PORT;
    }

    /** {@value #BASE_DN} */
    public String baseDn() {
        return BASE_DN;
    }

    /** {@code CN=Administrator,CN=Users,DC=galdav,DC=test}; {@code Administrator@GALDAV.TEST} binds too. */
    public String adminDn() {
        return rootDn();
    }

    /** The Administrator's password, random per instance. */
    public String adminPassword() {
        return rootPassword();
    }

    /** The generated {@code smb.conf}, e.g. for {@code samba-tool ... -s <it>} or {@code ldbsearch}. */
    public Path configFile() {
        return directory().resolve("etc/smb.conf");
    }

    /** A new connection bound as {@link #adminDn()}; the caller closes it. */
    public LDAPConnection connectAsAdmin() throws LDAPException {
        return connectAsRoot();
    }

    /** Like {@link #connectAsAdmin()} over LDAPS, trusting Samba's self-signed certificate. */
    public LDAPConnection connectLdapsAsAdmin() throws Exception {
        SSLSocketFactory factory = new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory();
        return bound(new LDAPConnection(factory, connectionOptions(5_000), host(), LDAPS_PORT));
    }

    /** The value of AD's {@code unicodePwd} for a password: quoted, UTF-16LE. */
    public static byte[] unicodePwd(String password) {
        return ('"' + password + '"').getBytes(StandardCharsets.UTF_16LE);
    }

    /**
     * Runs {@code samba-tool <args> --configfile=<this instance's smb.conf>} against this
     * instance's databases (it opens them directly, which Samba allows while running) and returns
     * its output, e.g. {@code sambaTool("user", "create", "alice", "Secr3t!pw", "--given-name=Alice")}.
     */
    public String sambaTool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SAMBA_TOOL.toString());
        cmd.addAll(List.of(args));
        cmd.add("--configfile=" + configFile());
        Path out = Files.createTempFile(directory(), "samba-tool-", ".out");
        try {
            return ServerProcess.run(SambaTemplate.command(directory(), out, cmd), out,
                    "samba-tool " + String.join(" ", args), SambaTemplate.TOOL_TIMEOUT_MILLIS);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The instance's directory unless it is the template being built. */
    @Override
    protected void cleanUp() {
        if (deleteOnClose) {
            super.cleanUp();
        }
    }
}
