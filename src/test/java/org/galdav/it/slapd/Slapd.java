package org.galdav.it.slapd;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.galdav.it.PrivateDirectoryServer;
import org.galdav.it.ServerProcess;

/**
 * A private OpenLDAP {@code slapd} for integration tests, so that the LDAP code is exercised
 * against the real server (its ACLs, size limits and paged-results behaviour) rather than
 * an in-memory imitation.
 *
 * <p>Each instance lives entirely in its own temporary directory (generated {@code slapd.conf},
 * MDB database, pid file, captured output), listens on a free loopback port and runs as a child
 * process of the JVM in the foreground ({@code -d}), so it needs no root-only or system-wide
 * state and works both as root (CI) and as a normal user. {@link #close()} and a JVM shutdown
 * hook make sure no {@code slapd} outlives the tests ({@link PrivateDirectoryServer}).
 *
 * <p>The generated ACL lets anonymous clients only bind; bound users can read everything except
 * {@code userPassword}. The root DN ({@link #rootDn()}) bypasses ACLs and limits, so tests that
 * check limits must bind as a normal user.
 *
 * <p>For fault injection, {@link #freeze()} (SIGSTOP: a hung server that still accepts connections),
 * {@link #thaw()} and {@link #kill()} (SIGKILL: a crash) act on the running process.
 *
 * <p>Set the system property {@code galdav.slapd.debug} (e.g. {@code stats}) to change slapd's
 * {@code -d} level; the default {@code none} prints errors only. {@link #output()} returns what
 * slapd printed so far.
 */
public final class Slapd extends PrivateDirectoryServer {

    /** Where Debian/Ubuntu's {@code slapd} package installs the server. */
    static final Path SLAPD = Path.of("/usr/sbin/slapd");
    static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    /** A hang guard for loading a database offline. */
    private static final long SLAPADD_MILLIS = 600_000;
    static final Path MODULE_PATH = Path.of("/usr/lib/ldap");
    static final Path SCHEMA_DIR = Path.of("/etc/ldap/schema");
    static final List<String> SCHEMAS = List.of("core", "cosine", "inetorgperson", "nis", "misc");

    private static final Readiness READINESS = new Readiness("slapd", 20_000, 5, 100,
            out -> out.contains("Address already in use") || out.contains("errno=98"));
    private static final int PORT_ATTEMPTS = 3;

    private final SlapdOptions options;

    private Slapd(SlapdOptions options, Path dir) {
        super(READINESS, dir, options.suffix(), "cn=admin," + options.suffix(), ServerProcess.randomPassword(""),
                10_000);
        this.options = options;
    }

    /** Whether {@code /usr/sbin/slapd} exists and is executable. */
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
        return start(options, pagedUnlimited, null, System.getProperty("galdav.slapd.debug", "none"));
    }

    /**
     * Like {@link #start(SlapdOptions)}, with slapd's {@code -d} level: {@code stats} prints every connection
     * and operation (binds with their DN), which {@link #output()} then returns.
     */
    public static Slapd start(SlapdOptions options, String debug) throws Exception {
        return start(options, true, null, debug);
    }

    /**
     * Starts a read-only replica of {@code provider}: an empty database that copies the provider's suffix
     * with RFC 4533 content synchronization ({@code syncrepl refreshAndPersist}, as the provider's root DN;
     * the provider needs {@link SlapdOptions#syncprov()}), so entries keep their {@code entryUUID} on both
     * servers, as in a real replicated directory. Returns once it answers binds; use
     * {@link #awaitCaughtUpWith} before reading replicated entries.
     */
    public static Slapd startReplicaOf(Slapd provider, SlapdOptions options) throws Exception {
        return start(options, true, provider, System.getProperty("galdav.slapd.debug", "none"));
    }

    /**
     * A slapd whose database {@code slapadd} filled before it started, with {@code entries} (and the suffix
     * entry, unless they hold it): 100,000 people load in well under a minute, where adding them over LDAP takes minutes.
     */
    public static Slapd startLoaded(SlapdOptions options, List<Entry> entries) throws Exception {
        return startLoaded(options, entries, System.getProperty("galdav.slapd.debug", "none"));
    }

    /** The same, with slapd's {@code -d} debug level ("stats" logs every operation). */
    public static Slapd startLoaded(SlapdOptions options, List<Entry> entries, String debug) throws Exception {
        return start(options, true, null, debug, entries);
    }

    private static Slapd start(SlapdOptions options, boolean pagedUnlimited, Slapd provider, String debug)
            throws Exception {
        return start(options, pagedUnlimited, provider, debug, null);
    }

    private static Slapd start(SlapdOptions options, boolean pagedUnlimited, Slapd provider, String debug,
                               List<Entry> bulk) throws Exception {
        if (!available()) {
            throw new IllegalStateException(SLAPD + " is missing or not executable: install the Debian "
                    + "packages 'slapd ldap-utils' (see .ci/run) to run the LDAP integration tests");
        }
        return started(new Slapd(options, Files.createTempDirectory("galdav-slapd-")), slapd -> {
            Path dir = slapd.directory();
            Path db = Files.createDirectories(dir.resolve("db"));
            Path conf = dir.resolve("slapd.conf");
            List<String> replication = provider == null ? List.of() : List.of(syncrepl(provider));
            Files.writeString(conf, config(options, pagedUnlimited, dir, db, slapd.rootDn(), slapd.rootPassword(),
                    replication), StandardCharsets.UTF_8);
            if (bulk != null) {
                Path ldif = dir.resolve("load.ldif");
                try (LDIFWriter writer = new LDIFWriter(ldif.toFile())) {
                    DN suffix = new DN(options.suffix());
                    boolean holdsSuffix = false;
                    for (Entry entry : bulk) {
                        holdsSuffix |= entry.getParsedDN().equals(suffix);
                    }
                    if (!holdsSuffix) {
                        writer.writeEntry(suffixEntry(options.suffix(), "organizationalRole"));
                    }
                    for (Entry entry : bulk) {
                        writer.writeEntry(entry);
                    }
                }
                ServerProcess.run(ServerProcess.capturingOutput(dir.resolve("slapadd.log"),
                        List.of(SLAPADD.toString(), "-q", "-f", conf.toString(), "-l", ldif.toString())),
                        dir.resolve("slapadd.log"), "slapadd", SLAPADD_MILLIS);
                Files.delete(ldif);
            }
            slapd.launch(PORT_ATTEMPTS, (attempt, log) -> {
                int port = ServerProcess.freePort();
                slapd.listenOn("127.0.0.1", port);
                return slapdProcess(conf, port, log, debug);
            });
            if (provider == null && bulk == null) { // a replica receives the suffix entry from its provider
                slapd.createSuffixEntry(suffixEntry(options.suffix(), "organizationalRole"));
            }
        });
    }

    /** The consumer's {@code syncrepl} directive: the whole suffix, retried every second while the provider is away. */
    private static String syncrepl(Slapd provider) {
        return "syncrepl rid=001 provider=" + provider.url() + " type=refreshAndPersist retry=\"1 +\""
                + " searchbase=" + quote(provider.suffix()) + " scope=sub bindmethod=simple"
                + " binddn=" + quote(provider.rootDn()) + " credentials=" + quote(provider.rootPassword());
    }

    /**
     * Waits until this replica has everything {@code provider} has: the {@code contextCSN} of the suffix
     * (RFC 4533's change sequence state) is the same on both.
     *
     * @throws IllegalStateException when it has not caught up within {@code timeoutMillis} (a hang guard)
     */
    public void awaitCaughtUpWith(Slapd provider, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Set<String> wanted = contextCsns(provider);
        Set<String> here = contextCsns(this);
        while (!here.equals(wanted)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica has contextCSN " + here + ", its provider " + wanted
                        + " after " + timeoutMillis + " ms; replica output:\n" + output());
            }
            Thread.sleep(20); // a polling pause; nothing depends on its length
            here = contextCsns(this);
        }
    }

    private static Set<String> contextCsns(Slapd server) throws Exception {
        try (LDAPConnection c = server.connectAsRoot()) {
            SearchResultEntry suffix = c.getEntry(server.suffix(), "contextCSN");
            return suffix == null || !suffix.hasAttribute("contextCSN") ? Set.of()
                    : Set.of(suffix.getAttributeValues("contextCSN"));
        }
    }

    /** The generated configuration, one directive per line. */
    static String config(SlapdOptions options, boolean pagedUnlimited, Path dir, Path db,
            String rootDn, String rootPassword, List<String> replication) {
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
        // Address space only (the file grows as needed): room for the 100,000-person directory of ScaleBenchmark.
        lines.add("maxsize " + (4L * 1024 * 1024 * 1024));
        lines.add("dbnosync"); // throw-away test data: skip fsync, makes bulk adds much faster
        lines.addAll(replication);
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

    private static Process slapdProcess(Path conf, int port, Path log, String debug) throws IOException {
        // -d keeps slapd in the foreground as our child; no -u/-g: as root it simply keeps running
        // as root, which is harmless for a private loopback instance owning only its temp dir.
        return ServerProcess.capturingOutput(log, List.of(SLAPD.toString(), "-f", conf.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/", "-d", debug)).start();
    }

    public SlapdOptions options() {
        return options;
    }

    private static String quote(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("unsupported character in slapd.conf value: " + value);
        }
        return '"' + value + '"';
    }
}
