package org.galdav.it.samba;

import static org.galdav.it.samba.SambaAd.DOMAIN;
import static org.galdav.it.samba.SambaAd.REALM;
import static org.galdav.it.samba.SambaAd.SAMBA;
import static org.galdav.it.samba.SambaAd.SAMBA_TOOL;
import static org.galdav.it.samba.SambaAd.TEMPLATE_ADMIN_PASSWORD;

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
import java.util.stream.Stream;
import org.galdav.it.ServerProcess;

/**
 * The files and commands behind a {@link SambaAd}: the provisioned domain, built once per Samba
 * version into a template directory that every instance copies, the generated {@code smb.conf}
 * (every path inside the instance's directory, only the LDAP service, one loopback address), the
 * environment that keeps Samba's tools away from system-wide files, and the choice of a free
 * loopback address.
 */
final class SambaTemplate {

    static final String NETBIOS_NAME = "DC1";
    static final String DNS_DOMAIN = "galdav.test";
    /** Samba's LDAP, LDAPS and global catalog ports, compiled in. */
    static final int[] ALL_PORTS = {389, 636, 3268, 3269};
    /** Bump whenever provisioning or the generated configuration changes, so that old templates are ignored. */
    static final int TEMPLATE_REVISION = 2;
    static final long TOOL_TIMEOUT_MILLIS = 60_000;
    private static final String READY_MARKER = "template-ready";
    private static final long PROVISION_TIMEOUT_MILLIS = 180_000;

    private SambaTemplate() {
    }

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
                try (SambaAd warmUp = SambaAd.warmUp(staging)) {
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
            return ServerProcess.run(ServerProcess.capturingOutput(out, List.of(SAMBA.toString(), "--version")), out,
                    SAMBA + " --version", TOOL_TIMEOUT_MILLIS).trim();
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
        ServerProcess.run(command(dir, log, cmd), log, "samba-tool domain provision", PROVISION_TIMEOUT_MILLIS);
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

    /**
     * {@code cmd} with its output going to {@code log}, stdin from {@code /dev/null}, and an environment
     * that keeps it on the instance in {@code dir}.
     */
    static ProcessBuilder command(Path dir, Path log, List<String> cmd) {
        ProcessBuilder pb = ServerProcess.capturingOutput(log, cmd);
        Map<String, String> env = pb.environment();
        // Keep Heimdal away from /etc/krb5.conf (provisioning writes this file).
        env.put("KRB5_CONFIG", dir.resolve("private/krb5.conf").toString());
        env.put("LC_ALL", "C");
        return pb;
    }

    /**
     * A random loopback address other than 127.0.0.1 whose Samba ports are currently free (a
     * privileged bind, fine as root). Another process may still take it before Samba binds it;
     * {@link SambaAd#start()} then retries.
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

    /** Copies regular files and directories (not sockets, not the template marker). */
    static void copyTree(Path from, Path to) throws IOException {
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
}
