package org.galdav.it.samba;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.galdav.it.ServerProcess;
import org.galdav.it.ServerProcess.PortTakenException;

/**
 * A private Samba 4 Active Directory domain controller for integration tests, so that the LDAP
 * code meets a real AD implementation (objectGUID, userAccountControl, ranged attributes,
 * search references, AD bind names) rather than only OpenLDAP.
 *
 * <p><b>Layout.</b> Provisioning a domain ({@code samba-tool domain provision}) takes about 5 s,
 * so it is done once per Samba version into a <em>template</em> directory
 * {@code ${java.io.tmpdir}/galdav-samba-<version>-r<revision>} (guarded by a file lock, built in a
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
public final class SambaAd implements AutoCloseable {

    /** Where Debian/Ubuntu's {@code samba} package installs the server and its admin tool. */
    static final Path SAMBA = Path.of("/usr/sbin/samba");
    static final Path SAMBA_TOOL = Path.of("/usr/bin/samba-tool");

    public static final String REALM = "GALDAV.TEST";
    public static final String DOMAIN = "GALDAV";
    public static final String BASE_DN = "DC=galdav,DC=test";
    /** The default container of users and groups ({@code CN=Users,DC=galdav,DC=test}). */
    public static final String USERS_DN = "CN=Users," + BASE_DN;
    static final String NETBIOS_NAME = "DC1";
    static final String DNS_DOMAIN = "galdav.test";

    /** Compiled into Samba; see the class comment. */
    public static final int LDAP_PORT = 389;
    public static final int LDAPS_PORT = 636;
    static final int[] ALL_PORTS = {389, 636, 3268, 3269};

    /** The Administrator password stored in the template; each instance replaces it at start. */
    static final String TEMPLATE_ADMIN_PASSWORD = "Templ4te-Admin!";
    /** Bump whenever provisioning or the generated configuration changes, so that old templates are ignored. */
    static final int TEMPLATE_REVISION = 2;
    private static final String READY_MARKER = "template-ready";

    private static final long PROVISION_TIMEOUT_MILLIS = 180_000;
    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final long TOOL_TIMEOUT_MILLIS = 60_000;
    private static final int ADDRESS_ATTEMPTS = 5;

    private final Path dir;
    private final boolean deleteOnClose;
    private final String address;
    private final Path logFile;
    private final Process process;
    private final Thread shutdownHook;
    private volatile String adminPassword;
    private boolean closed;

    private SambaAd(Path dir, boolean deleteOnClose, String address, Path logFile, Process process,
            String adminPassword) {
        this.dir = dir;
        this.deleteOnClose = deleteOnClose;
        this.address = address;
        this.logFile = logFile;
        this.process = process;
        this.adminPassword = adminPassword;
        this.shutdownHook = ServerProcess.addShutdownHook(this::killNow, "samba-shutdown-" + address);
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
        Path template = template();
        Path dir = Files.createTempDirectory("galdav-samba-");
        try {
            copyTree(template, dir);
            SambaAd samba = launchIn(dir, true, TEMPLATE_ADMIN_PASSWORD);
            try {
                samba.setAdminPassword(randomPassword());
                return samba;
            } catch (Exception | Error e) {
                samba.close();
                throw e;
            }
        } catch (Exception | Error e) {
            ServerProcess.deleteRecursively(dir);
            throw e;
        }
    }

    // ---------------------------------------------------------------- template

    /**
     * The provisioned template directory for the installed Samba version, built on first use.
     * Safe against concurrent JVMs (file lock) and threads (synchronized).
     */
    static synchronized Path template() throws Exception {
        String version = sambaVersion();
        String key = "galdav-samba-" + version.replaceFirst("^Version ", "").replaceAll("[^A-Za-z0-9._-]", "_") + "-r" + TEMPLATE_REVISION;
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        Path template = base.resolve(key);
        if (Files.isRegularFile(template.resolve(READY_MARKER))) {
            return template;
        }
        try (FileChannel channel = FileChannel.open(base.resolve(key + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock(); // blocks while another JVM builds the template; released with the channel
            if (Files.isRegularFile(template.resolve(READY_MARKER))) {
                return template; // another JVM built it while we waited
            }
            ServerProcess.deleteRecursively(template); // a half-built leftover (no marker)
            Path staging = Files.createTempDirectory(base, key + ".staging-");
            try {
                provision(staging);
                // Start once: Samba generates its TLS key and certificate (about 2 s) and does its
                // first-start housekeeping here instead of in every copy.
                try (SambaAd warmUp = launchIn(staging, false, TEMPLATE_ADMIN_PASSWORD)) {
                    warmUp.connectAsAdmin().close();
                }
                removeRuntimeFiles(staging);
                Files.writeString(staging.resolve(READY_MARKER), version + "\n", StandardCharsets.UTF_8);
                Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
                return template;
            } catch (Exception | Error e) {
                ServerProcess.deleteRecursively(staging);
                throw e;
            }
        }
    }

    /** {@code samba --version}, e.g. {@code Version 4.17.12-Debian}. */
    static String sambaVersion() throws Exception {
        Path out = Files.createTempFile("galdav-samba-version-", ".txt");
        try {
            Process p = ServerProcess.capturingOutput(out, List.of(SAMBA.toString(), "--version")).start();
            if (!p.waitFor(TOOL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(SAMBA + " --version failed: " + ServerProcess.read(out));
            }
            return ServerProcess.read(out).trim();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Provisions the domain into {@code dir}. The configuration is written first, so that
     * {@code samba-tool} uses it (and never reads the system's smb.conf) instead of generating one
     * with system-wide paths.
     */
    private static void provision(Path dir) throws Exception {
        String address = pickAddress(); // only recorded in the config; nothing listens during provisioning
        Path conf = writeConfig(dir, address);
        Path log = dir.resolve("provision.log");
        List<String> cmd = List.of(SAMBA_TOOL.toString(), "domain", "provision",
                "--configfile=" + conf,
                "--targetdir=" + dir,
                "--realm=" + REALM,
                "--domain=" + DOMAIN,
                "--host-name=" + NETBIOS_NAME.toLowerCase(java.util.Locale.ROOT),
                "--server-role=dc",
                "--dns-backend=NONE",
                "--use-rfc2307",
                "--adminpass=" + TEMPLATE_ADMIN_PASSWORD);
        Process p = processBuilder(dir, cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(PROVISION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("samba-tool domain provision did not finish within "
                    + PROVISION_TIMEOUT_MILLIS + " ms; its output:\n" + ServerProcess.read(log));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("samba-tool domain provision failed with status " + p.exitValue()
                    + "; its output:\n" + ServerProcess.read(log));
        }
    }

    /** Sockets, pid files and logs of a stopped instance: not part of a template. */
    private static void removeRuntimeFiles(Path dir) throws IOException {
        ServerProcess.deleteRecursively(dir.resolve("run"));
        ServerProcess.deleteRecursively(dir.resolve("log"));
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path p : (Iterable<Path>) logs::iterator) {
                if (p.getFileName().toString().startsWith("samba-")) {
                    Files.deleteIfExists(p); // the warm-up start's output
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p); // the ldapi sockets
                }
            }
        }
    }

    // ---------------------------------------------------------------- configuration and process

    /** Writes {@code etc/smb.conf} for an instance living in {@code dir} and bound to {@code address}. */
    static Path writeConfig(Path dir, String address) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("etc")).resolve("smb.conf");
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(conf, config(dir, address), StandardCharsets.UTF_8);
        return conf;
    }

    /** The generated configuration: every path inside {@code dir}, only the LDAP service. */
    static String config(Path dir, String address) {
        for (String value : List.of(dir.toString(), address)) {
            if (value.contains("\n") || value.contains(";") || value.contains("#") || value.contains("%")) {
                throw new IllegalArgumentException("unsupported character in smb.conf value: " + value);
            }
        }
        String d = dir.toAbsolutePath().toString();
        List<String> lines = new ArrayList<>();
        lines.add("# generated by " + SambaAd.class.getName());
        lines.add("[global]");
        lines.add("\tnetbios name = " + NETBIOS_NAME);
        lines.add("\tworkgroup = " + DOMAIN);
        lines.add("\trealm = " + REALM);
        lines.add("\tserver role = active directory domain controller");
        // Only LDAP: no smbd, KDC, DNS, NetBIOS, replication, winbindd, ...
        lines.add("\tserver services = ldap");
        lines.add("\tinterfaces = " + address + "/8");
        lines.add("\tbind interfaces only = yes");
        // Simple binds over plain ldap:// (Samba's default refuses them without TLS).
        lines.add("\tldap server require strong auth = no");
        // A replaced password stops working at once (Samba's default accepts the previous one,
        // in simple binds too, for another 60 minutes).
        lines.add("\told password allowed period = 0");
        lines.add("\tidmap_ldb:use rfc2307 = yes");
        // Throw-away test data: skip fsync in the ldb databases (bulk adds ~40% faster).
        lines.add("\tldb:nosync = true");
        lines.add("\tprivate dir = " + d + "/private");
        lines.add("\tlock directory = " + d);
        lines.add("\tstate directory = " + d + "/state");
        lines.add("\tcache directory = " + d + "/cache");
        lines.add("\tbinddns dir = " + d + "/bind-dns");
        lines.add("\tpid directory = " + d + "/run");
        lines.add("\tncalrpc dir = " + d + "/run/ncalrpc");
        lines.add("\tntp signd socket directory = " + d + "/run/ntp_signd");
        lines.add("\twinbindd socket directory = " + d + "/run/winbindd");
        lines.add("\tlog file = " + d + "/log/samba.log");
        lines.add("\tpanic action = ");
        lines.add("");
        // samba-tool domain provision insists on these two shares; nothing serves them.
        lines.add("[sysvol]");
        lines.add("\tpath = " + d + "/state/sysvol");
        lines.add("\tread only = no");
        lines.add("");
        lines.add("[netlogon]");
        lines.add("\tpath = " + d + "/state/sysvol/" + DNS_DOMAIN + "/scripts");
        lines.add("\tread only = no");
        return String.join("\n", lines) + "\n";
    }

    private static ProcessBuilder processBuilder(Path dir, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        // Keep Heimdal away from /etc/krb5.conf (provisioning writes this file).
        env.put("KRB5_CONFIG", dir.resolve("private/krb5.conf").toString());
        env.put("LC_ALL", "C");
        return pb;
    }

    /**
     * Writes a configuration for a free loopback address, starts Samba in {@code dir} and waits
     * until {@code password} works for the Administrator; retries with another address when the
     * chosen one turns out to be taken.
     */
    private static SambaAd launchIn(Path dir, boolean deleteOnClose, String password) throws Exception {
        for (int attempt = 1; ; attempt++) {
            String address = pickAddress();
            Path conf = writeConfig(dir, address);
            Path log = dir.resolve("samba-" + attempt + ".log");
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
            Process process = processBuilder(dir, cmd).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            SambaAd samba = new SambaAd(dir, deleteOnClose, address, log, process, password);
            try {
                samba.awaitReady();
                return samba;
            } catch (PortTakenException e) {
                samba.stopProcess();
                samba.removeHook();
                if (attempt >= ADDRESS_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            } catch (Exception | Error e) {
                samba.closeKeepingDirectory();
                throw e;
            }
        }
    }

    /**
     * A random loopback address other than 127.0.0.1 whose Samba ports are currently free (a
     * privileged bind, fine as root). Another process may still take it before Samba binds it;
     * {@link #launchIn} then retries.
     */
    static String pickAddress() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 50; i++) {
            String candidate = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "."
                    + random.nextInt(1, 255);
            if (portsFree(candidate)) {
                return candidate;
            }
        }
        throw new IOException("found no loopback address with ports 389, 636, 3268 and 3269 free");
    }

    private static boolean portsFree(String address) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress inet = InetAddress.getByName(address);
            for (int port : ALL_PORTS) {
                ServerSocket s = new ServerSocket();
                sockets.add(s);
                s.bind(new InetSocketAddress(inet, port), 1);
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing an unconnected listener
                }
            }
        }
    }

    private void awaitReady() throws Exception {
        ServerProcess.awaitReady(process, "samba", url(), START_TIMEOUT_MILLIS, 10, 200, this::connect,
                adminDn(), adminPassword, this::output,
                out -> out.contains("NT_STATUS_ADDRESS_ALREADY_ASSOCIATED") || out.contains("Address already in use"));
    }

    /** Replaces the Administrator password (an LDAP password reset by the Administrator itself). */
    private void setAdminPassword(String newPassword) throws Exception {
        try (LDAPConnection c = connectAsAdmin()) {
            c.modify(adminDn(), new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd(newPassword)));
        }
        adminPassword = newPassword;
    }

    // ---------------------------------------------------------------- accessors

    /** {@code ldap://127.x.y.z:389} */
    public String url() {
        return "ldap://" + address + ":" + LDAP_PORT;
    }

    /** {@code ldaps://127.x.y.z:636}; the certificate is self-signed, see {@link #connectLdapsAsAdmin()}. */
    public String ldapsUrl() {
        return "ldaps://" + address + ":" + LDAPS_PORT;
    }

    /** The loopback address this instance listens on (all its ports are Samba's fixed ones). */
    public String host() {
        return address;
    }

    /** Always {@value #LDAP_PORT}: Samba cannot listen elsewhere; instances differ by {@link #host()}. */
    public int port() {
        return LDAP_PORT;
    }

    /** {@value #BASE_DN} */
    public String baseDn() {
        return BASE_DN;
    }

    /** {@code CN=Administrator,CN=Users,DC=galdav,DC=test}; {@code Administrator@GALDAV.TEST} binds too. */
    public String adminDn() {
        return "CN=Administrator," + USERS_DN;
    }

    /** The Administrator's password, random per instance. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The instance's private directory (configuration, databases, output); deleted on close. */
    public Path directory() {
        return dir;
    }

    /** The generated {@code smb.conf}, e.g. for {@code samba-tool ... -s <it>} or {@code ldbsearch}. */
    public Path configFile() {
        return dir.resolve("etc/smb.conf");
    }

    /** The operating system process id of the (single) Samba process. */
    public long pid() {
        return process.pid();
    }

    /** A new connection bound as {@link #adminDn()}; the caller closes it. */
    public LDAPConnection connectAsAdmin() throws LDAPException {
        return bound(connect(5_000));
    }

    /** Like {@link #connectAsAdmin()} over LDAPS, trusting Samba's self-signed certificate. */
    public LDAPConnection connectLdapsAsAdmin() throws Exception {
        SSLSocketFactory factory = new SSLUtil(new TrustAllTrustManager()).createSSLSocketFactory();
        LDAPConnection c = new LDAPConnection(factory, options(5_000), address, LDAPS_PORT);
        return bound(c);
    }

    private LDAPConnection bound(LDAPConnection c) throws LDAPException {
        return ServerProcess.bound(c, adminDn(), adminPassword);
    }

    /** A new unauthenticated connection to {@link #url()}. */
    public LDAPConnection connect() throws LDAPException {
        return connect(5_000);
    }

    private LDAPConnection connect(int timeoutMillis) throws LDAPException {
        return new LDAPConnection(options(timeoutMillis), address, LDAP_PORT);
    }

    private static LDAPConnectionOptions options(int timeoutMillis) {
        return ServerProcess.connectionOptions(timeoutMillis, 30_000);
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
        Path out = Files.createTempFile(dir, "samba-tool-", ".out");
        try {
            Process p = processBuilder(dir, cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(TOOL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("samba-tool " + String.join(" ", args) + " timed out; output:\n" + ServerProcess.read(out));
            }
            String text = ServerProcess.read(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("samba-tool " + String.join(" ", args) + " failed with status "
                        + p.exitValue() + "; output:\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Everything Samba has printed so far. */
    public String output() {
        return ServerProcess.read(logFile);
    }

    // ---------------------------------------------------------------- shutdown

    /** Stops Samba (SIGTERM, then SIGKILL after 10 s) and deletes the instance's directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        removeHook();
        if (deleteOnClose) {
            ServerProcess.deleteRecursively(dir);
        }
    }

    private synchronized void closeKeepingDirectory() {
        closed = true;
        stopProcess();
        removeHook();
    }

    private void stopProcess() {
        List<ProcessHandle> descendants = process.descendants().toList(); // none with --model=single
        if (ServerProcess.stop(process, STOP_TIMEOUT_MILLIS)) { // SIGTERM: samba exits cleanly
            for (ProcessHandle child : descendants) {
                child.destroyForcibly();
            }
        }
    }

    private void removeHook() {
        ServerProcess.removeShutdownHook(shutdownHook);
    }

    /** Shutdown hook: no grace period, just make sure nothing is left behind. */
    private void killNow() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        ServerProcess.kill(process, false);
        if (deleteOnClose) {
            ServerProcess.deleteRecursively(dir);
        }
    }

    // ---------------------------------------------------------------- files

    /** Copies regular files and directories (not sockets, not the template marker). */
    private static void copyTree(Path from, Path to) throws IOException {
        Set<Path> skip = Set.of(from.resolve(READY_MARKER), from.resolve("provision.log"),
                from.resolve("run"), from.resolve("log"));
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (skip.contains(d)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path target = Files.createDirectories(to.resolve(from.relativize(d).toString()));
                // Samba insists on its modes, e.g. 0700 for msg.sock and private.
                Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(d));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !skip.contains(f)) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String randomPassword() {
        return ServerProcess.randomPassword("Gd7-"); // AD complexity: upper, lower, digit, symbol
    }
}
