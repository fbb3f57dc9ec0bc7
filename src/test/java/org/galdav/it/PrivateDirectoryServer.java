package org.galdav.it;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.galdav.it.ServerProcess.PortTakenException;

/**
 * What the fixtures that run a private directory server as a child of the JVM have in common
 * ({@code org.galdav.it.slapd.Slapd}, {@code org.galdav.it.ds389.Ds389},
 * {@code org.galdav.it.samba.SambaAd}): a temporary directory of its own, the server process and its
 * captured output, starting it again on another port or address when someone took the chosen one,
 * waiting until the root DN can bind, connections, adding entries below a suffix whose entry the
 * fixture created, and {@link #close()} plus a JVM shutdown hook so that no server outlives the tests.
 *
 * <p>Why: the three fixtures had grown their own copies of all of this. A subclass now adds only what
 * is specific to its server (configuration, installation, how it says that its address was taken);
 * {@link ServerProcess} holds the stateless helpers.
 */
public abstract class PrivateDirectoryServer implements AutoCloseable {

    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** Operational attributes the servers generate themselves (and slapd refuses from clients). */
    private static final Set<String> GENERATED = Set.of("entryuuid", "createtimestamp", "modifytimestamp",
            "creatorsname", "modifiersname", "entrycsn", "entrydn", "subschemasubentry");

    /**
     * How a server's start is awaited: polls from {@code firstPauseMillis} growing to
     * {@code maxPauseMillis} for at most {@code timeoutMillis}.
     *
     * @param name the server's name in messages and log files, e.g. {@code slapd}
     * @param addressTaken given the output of a server that exited, whether its address was taken
     */
    public record Readiness(String name, long timeoutMillis, long firstPauseMillis, long maxPauseMillis,
            Predicate<String> addressTaken) {
    }

    /** One try at starting the server with its output going to {@code log}: chooses {@link #listenOn}, starts it. */
    @FunctionalInterface
    protected interface Launch {
        Process start(int attempt, Path log) throws Exception;
    }

    /** What {@link #started} does with a new server. */
    @FunctionalInterface
    protected interface Steps<S> {
        void run(S server) throws Exception;
    }

    private final Readiness readiness;
    private final Path dir;
    private final String suffix;
    private final String rootDn;
    private final int minResponseTimeoutMillis;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile boolean killGently;
    private volatile boolean frozen;
    private volatile Path log;
    private volatile String host = "127.0.0.1";
    private volatile int port;
    private volatile String rootPassword;
    private boolean suffixCreatedHere;
    private boolean closed;

    /**
     * @param dir the temporary directory that is the server's alone, deleted by {@link #cleanUp()}
     * @param minResponseTimeoutMillis how long its connections wait at least for a response
     */
    protected PrivateDirectoryServer(Readiness readiness, Path dir, String suffix, String rootDn,
            String rootPassword, int minResponseTimeoutMillis) {
        this.readiness = readiness;
        this.dir = dir;
        this.suffix = suffix;
        this.rootDn = rootDn;
        this.rootPassword = rootPassword;
        this.minResponseTimeoutMillis = minResponseTimeoutMillis;
        this.shutdownHook = ServerProcess.addShutdownHook(this::killNow,
                readiness.name() + "-shutdown-" + dir.getFileName());
    }

    /** Runs {@code steps} on the new {@code server}; closes it (stops it, cleans up) if they fail. */
    protected static <S extends PrivateDirectoryServer> S started(S server, Steps<S> steps) throws Exception {
        try {
            steps.run(server);
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- starting

    /**
     * Starts the server with {@code launch} and returns once the root DN can bind; starts it again,
     * up to {@code attempts} times in all, when it exits because its address was taken in between.
     */
    protected final void launch(int attempts, Launch launch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Path attemptLog = dir.resolve(readiness.name() + "-" + attempt + ".log");
            log = attemptLog;
            Process p = track(launch.start(attempt, attemptLog), false);
            try {
                ServerProcess.awaitReady(p, readiness.name(), url(), readiness.timeoutMillis(),
                        readiness.firstPauseMillis(), readiness.maxPauseMillis(), this::connect, rootDn,
                        rootPassword, this::output, readiness.addressTaken());
                return;
            } catch (PortTakenException e) {
                stopProcess();
                if (attempt >= attempts) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Makes {@code p} ({@code null}: none) the process that {@link #close()} and the shutdown hook stop;
     * {@code gently}: the hook sends it SIGTERM only, so that it can stop what it started itself.
     */
    protected final Process track(Process p, boolean gently) {
        killGently = gently;
        process = p;
        return p;
    }

    /** Where the next start listens; {@link #url()} and connections follow. */
    protected final void listenOn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    protected final void setRootPassword(String rootPassword) {
        this.rootPassword = rootPassword;
    }

    /** Adds {@code entry} (if not {@code null}) as the suffix entry; {@link #add} replaces it if asked to. */
    protected final void createSuffixEntry(Entry entry) throws LDAPException {
        if (entry == null) {
            return;
        }
        try (LDAPConnection c = connectAsRoot()) {
            c.add(entry);
        }
        suffixCreatedHere = true;
    }

    /**
     * A plausible entry for {@code suffix} when its RDN is {@code dc}, {@code o}, {@code ou} or
     * {@code cn} (then of {@code containerClass}); {@code null} for another RDN type, whose entry the
     * caller adds itself.
     */
    protected static Entry suffixEntry(String suffix, String containerClass) throws LDAPException {
        DN dn = new DN(suffix);
        RDN rdn = dn.getRDN();
        String attr = rdn.getAttributeNames()[0].toLowerCase(Locale.ROOT);
        Entry e = new Entry(dn);
        switch (attr) {
            case "dc" -> {
                e.addAttribute("objectClass", "top", "dcObject", "organization");
                e.addAttribute("o", rdn.getAttributeValues()[0]);
            }
            case "o" -> e.addAttribute("objectClass", "top", "organization");
            case "ou" -> e.addAttribute("objectClass", "top", "organizationalUnit");
            case "cn" -> e.addAttribute("objectClass", "top", containerClass);
            default -> {
                return null;
            }
        }
        for (int i = 0; i < rdn.getAttributeNames().length; i++) {
            e.addAttribute(rdn.getAttributeNames()[i], rdn.getAttributeValues()[i]);
        }
        return e;
    }

    /** The caller's own suffix entry as {@link #add} stores it; by default unchanged. */
    protected Entry ownSuffixEntry(Entry entry) {
        return entry;
    }

    // ---------------------------------------------------------------- using it

    /** Copies of the entries without the operational attributes slapd would refuse (entryUUID, timestamps). */
    public static List<Entry> withoutOperationalAttributes(List<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Entry copy = new Entry(entry.getDN());
            for (Attribute attribute : entry.getAttributes()) {
                if (!GENERATED.contains(attribute.getBaseName().toLowerCase(Locale.ROOT))) {
                    copy.addAttribute(attribute);
                }
            }
            out.add(copy);
        }
        return out;
    }

    /**
     * Adds the entries in the given order (parents first) as the root DN. The suffix entry the
     * fixture created at start is replaced if {@code entries} contains one (possible only before
     * anything has been added below it).
     */
    public void add(List<Entry> entries) throws LDAPException {
        DN suffixDn = new DN(suffix);
        try (LDAPConnection c = connectAsRoot()) {
            for (Entry entry : entries) {
                Entry toAdd = entry;
                if (entry.getParsedDN().equals(suffixDn)) {
                    if (suffixCreatedHere) {
                        deleteIfPresent(c, suffix);
                        suffixCreatedHere = false;
                    }
                    toAdd = ownSuffixEntry(entry);
                }
                c.add(toAdd);
            }
        }
    }

    private static void deleteIfPresent(LDAPConnection c, String dn) throws LDAPException {
        try {
            c.delete(dn);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw e;
            }
        }
    }

    /** {@code ldap://<host>:<port>} */
    public String url() {
        return "ldap://" + host + ":" + port;
    }

    /** The loopback address it listens on. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The suffix (naming context) the fixture publishes entries below. */
    public String suffix() {
        return suffix;
    }

    /** The administrator; bypasses ACLs and size limits. */
    public String rootDn() {
        return rootDn;
    }

    public String rootPassword() {
        return rootPassword;
    }

    /** The temporary directory holding configuration, database and output (deleted on close). */
    public Path directory() {
        return dir;
    }

    /** The operating system process id of the running server. */
    public long pid() {
        return process.pid();
    }

    /** Everything the server has printed so far. */
    public String output() {
        Path current = log;
        return current == null ? "" : ServerProcess.read(current);
    }

    /** A new unauthenticated connection to {@link #url()}; the caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return connect(CONNECT_TIMEOUT_MILLIS);
    }

    /** A new connection bound as {@link #rootDn()}; the caller closes it. */
    public LDAPConnection connectAsRoot() throws LDAPException {
        return bound(connect());
    }

    private LDAPConnection connect(int timeoutMillis) throws LDAPException {
        return new LDAPConnection(connectionOptions(timeoutMillis), host, port);
    }

    protected final LDAPConnectionOptions connectionOptions(int timeoutMillis) {
        return ServerProcess.connectionOptions(timeoutMillis, minResponseTimeoutMillis);
    }

    /** Binds {@code c} as {@link #rootDn()}; closes it if that fails. */
    protected final LDAPConnection bound(LDAPConnection c) throws LDAPException {
        return ServerProcess.bound(c, rootDn, rootPassword);
    }

    // ---------------------------------------------------------------- misbehaving (fault injection)

    /**
     * Freezes the server (SIGSTOP): it keeps its port, the kernel still accepts connections for it, but it
     * answers nothing, as a hung server does. {@link #thaw()} lets it go on; {@link #close()} thaws it first.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
        frozen = true;
    }

    /** Lets a frozen server run again (SIGCONT); what it was sent meanwhile is answered now. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
        frozen = false;
    }

    /** Kills the server outright (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(readiness.name() + " " + p.pid() + " survived SIGKILL");
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- stopping

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and {@linkplain #cleanUp() cleans up}. */
    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (frozen) {
            try {
                thaw(); // a stopped process would sit on its SIGTERM until the SIGKILL
            } catch (IOException | InterruptedException | IllegalStateException e) {
                // SIGKILL after the timeout still ends it
            }
        }
        stopProcess();
        ServerProcess.removeShutdownHook(shutdownHook);
        cleanUp();
    }

    /** Removes what a stopped server leaves behind; by default {@link #directory()}. */
    protected void cleanUp() {
        ServerProcess.deleteRecursively(dir);
    }

    private void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> descendants = p.descendants().toList(); // the servers run as one process
        if (ServerProcess.stop(p, STOP_TIMEOUT_MILLIS)) { // SIGTERM: the servers shut down cleanly
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Shutdown hook: no grace period, just make sure nothing is left behind. */
    private void killNow() {
        Process p = process;
        if (p != null) {
            if (!killGently) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
            }
            ServerProcess.kill(p, killGently);
        }
        cleanUp();
    }
}
