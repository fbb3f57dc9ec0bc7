package org.galdav.it.slapd;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.galdav.it.ServerProcess;
import org.galdav.it.ServerProcess.PortTakenException;

/**
 * A private OpenLDAP {@code slapd} for integration tests, so that the LDAP code is exercised
 * against the real server (its ACLs, size limits and paged-results behaviour) rather than
 * an in-memory imitation.
 *
 * <p>Each instance lives entirely in its own temporary directory (generated {@code slapd.conf},
 * MDB database, pid file, captured output), listens on a free loopback port and runs as a child
 * process of the JVM in the foreground ({@code -d}), so it needs no root-only or system-wide
 * state and works both as root (CI) and as a normal user. {@link #close()} and a JVM shutdown
 * hook make sure no {@code slapd} outlives the tests.
 *
 * <p>The generated ACL lets anonymous clients only bind; bound users can read everything except
 * {@code userPassword}. The root DN ({@link #rootDn()}) bypasses ACLs and limits, so tests that
 * check limits must bind as a normal user.
 *
 * <p>Set the system property {@code galdav.slapd.debug} (e.g. {@code stats}) to change slapd's
 * {@code -d} level; the default {@code none} prints errors only. {@link #output()} returns what
 * slapd printed so far.
 */
public final class Slapd implements AutoCloseable {

    /** Where Debian/Ubuntu's {@code slapd} package installs the server. */
    static final Path SLAPD = Path.of("/usr/sbin/slapd");
    static final Path MODULE_PATH = Path.of("/usr/lib/ldap");
    static final Path SCHEMA_DIR = Path.of("/etc/ldap/schema");
    static final List<String> SCHEMAS = List.of("core", "cosine", "inetorgperson", "nis", "misc");

    private static final long START_TIMEOUT_MILLIS = 20_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final int PORT_ATTEMPTS = 3;

    private final SlapdOptions options;
    private final Path dir;
    private final Path logFile;
    private final int port;
    private final String rootDn;
    private final String rootPassword;
    private final Process process;
    private final Thread shutdownHook;
    private boolean closed;

    private Slapd(SlapdOptions options, Path dir, Path logFile, int port, String rootDn,
            String rootPassword, Process process) {
        this.options = options;
        this.dir = dir;
        this.logFile = logFile;
        this.port = port;
        this.rootDn = rootDn;
        this.rootPassword = rootPassword;
        this.process = process;
        this.shutdownHook = ServerProcess.addShutdownHook(this::killNow, "slapd-shutdown-" + port);
    }

    /** Whether {@code /usr/sbin/slapd} exists and is executable. */
    /** Operational attributes slapd generates itself and refuses from clients. */
    private static final java.util.Set<String> GENERATED = java.util.Set.of("entryuuid", "createtimestamp",
            "modifytimestamp", "creatorsname", "modifiersname", "entrycsn", "entrydn", "subschemasubentry");

    /** Copies of the entries without the operational attributes slapd would refuse (entryUUID, timestamps). */
    public static List<Entry> withoutOperationalAttributes(List<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Entry copy = new Entry(entry.getDN());
            for (com.unboundid.ldap.sdk.Attribute attribute : entry.getAttributes()) {
                if (!GENERATED.contains(attribute.getBaseName().toLowerCase(java.util.Locale.ROOT))) {
                    copy.addAttribute(attribute);
                }
            }
            out.add(copy);
        }
        return out;
    }

    public static boolean available() {
        return Files.isRegularFile(SLAPD) && Files.isExecutable(SLAPD);
    }

    /**
     * Starts a fresh server as configured by {@code options}, creates the suffix entry (when its
     * RDN is {@code dc}, {@code o}, {@code ou} or {@code cn}) and returns once it answers LDAP
     * binds. If the options ask for a size limit, paged-results searches may nevertheless
     * return every entry ({@code size.prtotal=unlimited}); see {@link #start(SlapdOptions, boolean)}.
     */
    public static Slapd start(SlapdOptions options) throws Exception {
        return start(options, true);
    }

    /**
     * Like {@link #start(SlapdOptions)}, choosing how a size limit ({@code options.sizeLimit() > 0})
     * treats RFC 2696 paged-results searches.
     *
     * @param pagedUnlimited {@code true}: {@code sizelimit size.soft=N size.hard=N
     *     size.prtotal=unlimited}, i.e. plain searches are capped at N but paged searches can list
     *     everything; {@code false}: plain {@code sizelimit N}, OpenLDAP's default semantics where
     *     the total of a paged search is capped at N as well (sizeLimitExceeded after N entries)
     */
    public static Slapd start(SlapdOptions options, boolean pagedUnlimited) throws Exception {
        if (!available()) {
            throw new IllegalStateException(SLAPD + " is missing or not executable: install the Debian "
                    + "packages 'slapd ldap-utils' (see .ci/run) to run the LDAP integration tests");
        }
        String rootDn = "cn=admin," + options.suffix();
        String rootPassword = ServerProcess.randomPassword("");
        Path dir = Files.createTempDirectory("galdav-slapd-");
        try {
            Path db = Files.createDirectories(dir.resolve("db"));
            Path conf = dir.resolve("slapd.conf");
            for (int attempt = 1; ; attempt++) {
                int port = ServerProcess.freePort();
                Files.writeString(conf, config(options, pagedUnlimited, dir, db, rootDn, rootPassword),
                        StandardCharsets.UTF_8);
                Path log = dir.resolve("slapd-" + attempt + ".log");
                Process process = launch(conf, port, log);
                Slapd slapd = new Slapd(options, dir, log, port, rootDn, rootPassword, process);
                try {
                    slapd.awaitReady();
                    slapd.createSuffixEntry();
                    return slapd;
                } catch (PortTakenException e) {
                    slapd.stopProcess();
                    slapd.removeHook();
                    if (attempt >= PORT_ATTEMPTS) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                } catch (Exception | Error e) {
                    slapd.close();
                    throw e;
                }
            }
        } catch (Exception | Error e) {
            ServerProcess.deleteRecursively(dir);
            throw e;
        }
    }

    /** The generated configuration, one directive per line. */
    static String config(SlapdOptions options, boolean pagedUnlimited, Path dir, Path db,
            String rootDn, String rootPassword) {
        List<String> lines = new ArrayList<>();
        lines.add("# generated by " + Slapd.class.getName());
        for (String schema : SCHEMAS) {
            lines.add("include " + quote(SCHEMA_DIR.resolve(schema + ".schema").toString()));
        }
        lines.add("pidfile " + quote(dir.resolve("slapd.pid").toString()));
        lines.add("argsfile " + quote(dir.resolve("slapd.args").toString()));
        lines.add("modulepath " + quote(MODULE_PATH.toString()));
        lines.add("moduleload back_mdb");
        // Substring indexes serve 3-character "contains" searches (autocomplete) only with this; the default
        // of 4 makes slapd scan the whole database for them. docs/directories recommend the same.
        lines.add("index_substr_any_len 3");
        if (options.serverId() > 0) {
            lines.add("serverID " + options.serverId());
        }
        if (options.syncprov()) {
            lines.add("moduleload syncprov");
        }
        lines.add("");
        lines.add("database mdb");
        lines.add("suffix " + quote(options.suffix()));
        lines.add("rootdn " + quote(rootDn));
        lines.add("rootpw " + quote(rootPassword));
        lines.add("directory " + quote(db.toString()));
        lines.add("maxsize " + (256L * 1024 * 1024));
        lines.add("dbnosync"); // throw-away test data: skip fsync, makes bulk adds much faster
        lines.add(sizeLimit(options.sizeLimit(), pagedUnlimited));
        lines.add("index objectClass eq");
        lines.add("index uid,cn,sn,givenName,mail,displayName eq,sub");
        lines.add(options.syncprov() ? "index entryCSN,entryUUID eq" : "index entryUUID eq");
        lines.addAll(options.access());
        lines.add("access to attrs=userPassword by anonymous auth by * none");
        lines.add("access to * by users read by * none");
        if (options.syncprov()) {
            lines.add("overlay syncprov");
            if (options.sessionlog() > 0) {
                lines.add("syncprov-sessionlog " + options.sessionlog());
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String sizeLimit(int sizeLimit, boolean pagedUnlimited) {
        if (sizeLimit == 0) {
            return "sizelimit unlimited"; // OpenLDAP's default would be 500
        }
        if (pagedUnlimited) {
            return "sizelimit size.soft=" + sizeLimit + " size.hard=" + sizeLimit + " size.prtotal=unlimited";
        }
        return "sizelimit " + sizeLimit;
    }

    private static Process launch(Path conf, int port, Path log) throws IOException {
        String debug = System.getProperty("galdav.slapd.debug", "none");
        // -d keeps slapd in the foreground as our child; no -u/-g: as root it simply keeps running
        // as root, which is harmless for a private loopback instance owning only its temp dir.
        return ServerProcess.capturingOutput(log, List.of(SLAPD.toString(), "-f", conf.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/", "-d", debug)).start();
    }

    private void awaitReady() throws Exception {
        ServerProcess.awaitReady(process, "slapd", url(), START_TIMEOUT_MILLIS, 5, 100, this::connect,
                rootDn, rootPassword, this::output,
                out -> out.contains("Address already in use") || out.contains("errno=98"));
    }

    private void createSuffixEntry() throws Exception {
        Entry entry = suffixEntry(options.suffix());
        if (entry == null) {
            return; // unusual RDN type: the caller adds the suffix entry itself
        }
        try (LDAPConnection c = connectAsRoot()) {
            c.add(entry);
        }
    }

    /** A plausible entry for the suffix itself, or {@code null} for an RDN type we do not know. */
    static Entry suffixEntry(String suffix) throws LDAPException {
        DN dn = new DN(suffix);
        RDN rdn = dn.getRDN();
        String attr = rdn.getAttributeNames()[0].toLowerCase(Locale.ROOT);
        String value = rdn.getAttributeValues()[0];
        Entry e = new Entry(dn);
        switch (attr) {
            case "dc" -> {
                e.addAttribute("objectClass", "top", "dcObject", "organization");
                e.addAttribute("o", value);
            }
            case "o" -> e.addAttribute("objectClass", "top", "organization");
            case "ou" -> e.addAttribute("objectClass", "top", "organizationalUnit");
            case "cn" -> e.addAttribute("objectClass", "top", "organizationalRole");
            default -> {
                return null;
            }
        }
        for (int i = 0; i < rdn.getAttributeNames().length; i++) {
            e.addAttribute(rdn.getAttributeNames()[i], rdn.getAttributeValues()[i]);
        }
        return e;
    }

    /** {@code ldap://127.0.0.1:<port>} */
    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code cn=admin,<suffix>}; bypasses ACLs and size limits. */
    public String rootDn() {
        return rootDn;
    }

    public String rootPassword() {
        return rootPassword;
    }

    public SlapdOptions options() {
        return options;
    }

    /** The temporary directory holding configuration, database and output (deleted on close). */
    public Path directory() {
        return dir;
    }

    /**
     * Adds the entries in the given order as the root DN. The suffix entry already exists after
     * {@link #start}; if {@code entries} contains it anyway, the automatically created one is
     * replaced (possible only before anything has been added below it).
     */
    public void add(List<Entry> entries) throws Exception {
        DN suffix = new DN(options.suffix());
        try (LDAPConnection c = connectAsRoot()) {
            for (Entry entry : entries) {
                if (entry.getParsedDN().equals(suffix)) {
                    try {
                        c.delete(entry.getDN());
                    } catch (LDAPException e) {
                        if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                            throw e;
                        }
                    }
                }
                c.add(entry);
            }
        }
    }

    /** A new connection bound as {@link #rootDn()}; the caller closes it. */
    public LDAPConnection connectAsRoot() throws Exception {
        return ServerProcess.bound(connect(5_000), rootDn, rootPassword);
    }

    private LDAPConnection connect(int timeoutMillis) throws LDAPException {
        return new LDAPConnection(ServerProcess.connectionOptions(timeoutMillis, 10_000), "127.0.0.1", port);
    }

    /** Everything slapd has printed so far (errors only unless {@code galdav.slapd.debug} is set). */
    public String output() {
        return ServerProcess.read(logFile);
    }

    /** Stops slapd (SIGTERM, then SIGKILL after 10 s) and deletes the temporary directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        removeHook();
        ServerProcess.deleteRecursively(dir);
    }

    private void stopProcess() {
        ServerProcess.stop(process, STOP_TIMEOUT_MILLIS); // SIGTERM: slapd shuts down cleanly and syncs the MDB environment
    }

    private void removeHook() {
        ServerProcess.removeShutdownHook(shutdownHook);
    }

    /** Shutdown hook: no grace period, just make sure nothing is left behind. */
    private void killNow() {
        ServerProcess.kill(process, false);
        ServerProcess.deleteRecursively(dir);
    }

    private static String quote(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("unsupported character in slapd.conf value: " + value);
        }
        return '"' + value + '"';
    }
}
