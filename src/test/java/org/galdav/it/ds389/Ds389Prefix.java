package org.galdav.it.ds389;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.it.ServerProcess;

/**
 * The private installation prefix of one {@link Ds389} instance, and the commands that create and
 * run the instance in it: {@code $PREFIX/share/dirsrv/inf/defaults.inf} with every path moved below
 * the prefix, links to the packaged templates and schemas, the {@code dscreate} answer file, and
 * the patch of the created {@code dse.ldif} (see {@link Ds389} for the whole procedure).
 */
final class Ds389Prefix {

    static final Path DSCREATE = Path.of("/usr/sbin/dscreate");
    static final Path NS_SLAPD = Path.of("/usr/sbin/ns-slapd");
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SHARE = Path.of("/usr/share/dirsrv");
    static final Path DEFAULTS_INF = SHARE.resolve("inf/defaults.inf");
    static final Path ETC = Path.of("/etc/dirsrv");

    /**
     * ns-slapd {@code -d} mask: LDAP_DEBUG_EMERG | ALERT | CRIT | ERR | WARNING | NOTICE | INFO
     * (bits 21-27), i.e. what the error log would contain. In the foreground it goes to stdout.
     */
    static final int LOG_MASK = 0x0FE00000;

    /**
     * Runs its arguments as a child while being a child subreaper; reaps every process re-parented
     * to it, kills whatever is left when the child ends (or on SIGTERM) and exits with its status.
     */
    static final String REAPER = String.join("\n",
            "import ctypes, os, signal, sys, time",
            "ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER",
            "child = os.fork()",
            "if child == 0:",
            "    os.execv(sys.argv[1], sys.argv[1:])",
            "def orphans():",
            "    out = []",
            "    for p in os.listdir('/proc'):",
            "        if p.isdigit() and int(p) != child:",
            "            try:",
            "                with open('/proc/%s/stat' % p) as f:",
            "                    st = f.read()",
            "                if int(st[st.rindex(')') + 2:].split()[1]) == os.getpid():",
            "                    out.append(int(p))",
            "            except (OSError, ValueError):",
            "                pass",
            "    return out",
            "def kill(pids):",
            "    for pid in pids:",
            "        try:",
            "            os.kill(pid, signal.SIGKILL)",
            "        except OSError:",
            "            pass",
            "signal.signal(signal.SIGTERM, lambda signum, frame: kill([child] + orphans()))",
            "status = None",
            "while True:",
            "    if status is None:",
            "        try:",
            "            pid, st = os.wait()",
            "        except ChildProcessError:",
            "            break",
            "        if pid == child:",
            "            status = os.waitstatus_to_exitcode(st)",
            "        continue",
            "    # dscreate is done: whatever it left behind (re-parented to us) is killed and reaped.",
            "    kill(orphans())",
            "    try:",
            "        pid, st = os.waitpid(-1, os.WNOHANG)",
            "    except ChildProcessError:",
            "        break",
            "    if pid == 0:",
            "        time.sleep(0.05)",
            "sys.exit(1 if status is None else status if status >= 0 else 128 - status)",
            "");

    /** sun_path of a unix socket holds 108 bytes; dscreate needs its LDAPI socket below the prefix. */
    static final int MAX_SOCKET_PATH = 100;
    private static final Set<String> KEEP_SYSTEM_PATHS = Set.of("bin_dir", "sbin_dir", "lib_dir", "plugin_dir",
            "system_schema_dir");

    private final Path dir;
    private final Path root;
    private final String instance;
    private final String suffix;
    private final String rootPassword;

    /** The prefix {@code <dir>/root} for {@code instance}; {@code dir} belongs to the user ns-slapd runs as. */
    Ds389Prefix(Path dir, String instance, String suffix, String rootPassword) {
        this.dir = dir;
        this.root = dir.resolve("root");
        this.instance = instance;
        this.suffix = suffix;
        this.rootPassword = rootPassword;
    }

    /** Starts from scratch: removes whatever an earlier dscreate left and lays out the prefix again. */
    void reset() throws IOException {
        ServerProcess.deleteRecursively(root);
        prepare();
    }

    /** {@code dscreate from-file <inf>} below the prefix, run by {@link #REAPER}, its output going to {@code log}. */
    ProcessBuilder dscreate(Path inf, Path log) {
        ProcessBuilder pb = ServerProcess.capturingOutput(log, List.of(PYTHON.toString(), "-c", REAPER,
                DSCREATE.toString(), "-v", "from-file", inf.toString()));
        pb.environment().put("PREFIX", root.toString());
        pb.environment().remove("INSTALL_PREFIX");
        // Keeps a failed installation (its error log goes into our exception; close() deletes it).
        pb.environment().put("DEBUGGING", "1");
        return pb;
    }

    /** The created instance's {@code ns-slapd} in the foreground, its error log going to {@code log}. */
    ProcessBuilder nsSlapd(Path log) {
        return ServerProcess.capturingOutput(log, List.of(NS_SLAPD.toString(), "-D", configDir().toString(),
                "-i", root.resolve("run/ns-slapd.pid").toString(), "-d", Integer.toString(LOG_MASK)));
    }

    /** The private installation prefix, like {@code dscreate ds-root} makes it. */
    void prepare() throws IOException {
        Path socket = root.resolve("run/slapd-" + instance + ".socket");
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalStateException("temporary directory path too long for dscreate's LDAPI socket: " + socket);
        }
        Files.createDirectories(root.resolve("share/dirsrv/inf"));
        Files.createDirectories(root.resolve("etc/dirsrv"));
        Files.createDirectories(root.resolve("tmp"));
        for (String d : List.of("data", "schema", "mibs")) {
            if (Files.exists(SHARE.resolve(d))) {
                Files.createSymbolicLink(root.resolve("share/dirsrv").resolve(d), SHARE.resolve(d));
            }
        }
        for (String d : List.of("schema", "config")) {
            Path link = root.resolve("etc/dirsrv").resolve(d);
            if (Files.isReadable(ETC.resolve(d)) && Files.isExecutable(ETC.resolve(d))) {
                Files.createSymbolicLink(link, ETC.resolve(d));
            } else {
                // /etc/dirsrv is readable for root and the dirsrv group only: minimal stand-ins
                // for the files dscreate copies from there (the real schema is in /usr/share).
                Files.createDirectories(link);
                if (d.equals("schema")) {
                    Files.writeString(link.resolve("99user.ldif"), "dn: cn=schema\n");
                } else {
                    Files.writeString(link.resolve("certmap.conf"), "certmap default\tdefault\n");
                    Files.writeString(link.resolve("slapd-collations.conf"),
                            "collation \"\" \"\" \"\" 1 3\t2.16.840.1.113730.3.3.2.0.1\tdefault\n");
                }
            }
        }
        Files.writeString(root.resolve("share/dirsrv/inf/defaults.inf"),
                defaults(Files.readString(DEFAULTS_INF, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** The system's defaults.inf with every path moved below {@link #root}. */
    String defaults(String system) throws IOException {
        PosixFileAttributes owner = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Pattern line = Pattern.compile("^(\\s*)([A-Za-z_]+)(\\s*=\\s*)(.*)$");
        StringBuilder out = new StringBuilder();
        for (String l : system.split("\n", -1)) {
            Matcher m = line.matcher(l);
            if (!m.matches()) {
                out.append(l).append('\n');
                continue;
            }
            String key = m.group(2);
            String value = m.group(4).trim();
            String replaced = switch (key) {
                case "with_systemd" -> "0";
                case "with_selinux" -> "no";
                case "user" -> owner.owner().getName(); // who we are: ns-slapd keeps running as us
                case "group" -> owner.group().getName();
                case "prefix" -> root.toString();
                case "data_dir" -> root.resolve("share").toString();
                case "inst_dir" -> root.resolve("inst/slapd-{instance_name}").toString();
                default -> value.startsWith("/") && !KEEP_SYSTEM_PATHS.contains(key) ? root + value : value;
            };
            out.append(m.group(1)).append(key).append(m.group(3)).append(replaced).append('\n');
        }
        return out.toString();
    }

    String inf(int ldapPort, int securePort) {
        String dbLib = System.getProperty("galdav.ds389.dblib", "mdb");
        if (!dbLib.equals("mdb") && !dbLib.equals("bdb")) {
            throw new IllegalArgumentException("galdav.ds389.dblib must be mdb or bdb: " + dbLib);
        }
        return String.join("\n",
                "; generated by " + Ds389.class.getName(),
                "[general]",
                "config_version = 2",
                "full_machine_name = localhost",
                "strict_host_checking = False",
                "selinux = False",
                "systemd = False",
                "start = False",
                "",
                "[slapd]",
                "instance_name = " + instance,
                "port = " + ldapPort,
                // Never listened on (TLS stays off), but dscreate checks that it is free and would
                // otherwise pick 636.
                "secure_port = " + securePort,
                "self_sign_cert = False",
                "root_dn = " + Ds389.ROOT_DN,
                "root_password = " + rootPassword,
                "db_lib = " + dbLib,
                "",
                "[backend-userroot]",
                // No create_suffix_entry: the suffix entry is ours (with our ACI). Beware: dscreate
                // reads "create_suffix_entry = False" as the non-empty string, i.e. true.
                "suffix = " + suffix,
                "");
    }

    Path configDir() {
        return root.resolve("etc/dirsrv/slapd-" + instance);
    }

    Path errorLog() {
        return root.resolve("var/log/dirsrv/slapd-" + instance + "/errors");
    }

    /** Sets the port, loopback only and no LDAPI in the stopped instance's cn=config. */
    void patchConfig(int ldapPort) throws IOException {
        Path dse = configDir().resolve("dse.ldif");
        String text = Files.readString(dse, StandardCharsets.UTF_8);
        int start = text.startsWith("dn: cn=config\n") ? 0 : text.indexOf("\ndn: cn=config\n") + 1;
        if (start == 0 && !text.startsWith("dn: cn=config\n")) {
            throw new IllegalStateException("no cn=config entry in " + dse);
        }
        int end = text.indexOf("\n\n", start);
        String entry = text.substring(start, end + 1);
        String patched = entry
                .replaceAll("(?m)^nsslapd-port: .*\n", "")
                .replaceAll("(?m)^nsslapd-listenhost: .*\n", "")
                .replaceAll("(?m)^nsslapd-ldapilisten: .*\n", "");
        patched = patched.replaceFirst("\n", "\nnsslapd-port: " + ldapPort + "\nnsslapd-listenhost: 127.0.0.1\n"
                + "nsslapd-ldapilisten: off\n");
        Files.writeString(dse, text.substring(0, start) + patched + text.substring(end + 1), StandardCharsets.UTF_8);
    }
}
