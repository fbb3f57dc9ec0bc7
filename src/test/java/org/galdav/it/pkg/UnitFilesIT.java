package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units as the packages ship them (the .deb's, unpacked with dpkg-deb, and the release
 * archive's /opt/galdav variant): hardened as docs/install.md promises, naming programs the package
 * contains, and with a start condition that waits for a directory (or an explicit demo). Any user.
 */
class UnitFilesIT {
    /** The [Service] settings both units must carry, with their exact values (docs/install.md explains each). */
    private static final Map<String, String> HARDENING = Map.ofEntries(
            Map.entry("User", "galdav"), Map.entry("Group", "galdav"), Map.entry("StateDirectory", "galdav"),
            Map.entry("Restart", "on-failure"), Map.entry("SuccessExitStatus", "143"), Map.entry("UMask", "0027"),
            Map.entry("StandardOutput", "journal"), Map.entry("NoNewPrivileges", "yes"),
            Map.entry("CapabilityBoundingSet", ""), Map.entry("AmbientCapabilities", ""),
            Map.entry("ProtectSystem", "strict"), Map.entry("ProtectHome", "yes"), Map.entry("PrivateTmp", "yes"),
            Map.entry("PrivateDevices", "yes"), Map.entry("PrivateMounts", "yes"),
            Map.entry("ProtectKernelTunables", "yes"), Map.entry("ProtectKernelModules", "yes"),
            Map.entry("ProtectKernelLogs", "yes"), Map.entry("ProtectControlGroups", "yes"),
            Map.entry("ProtectClock", "yes"), Map.entry("ProtectHostname", "yes"), Map.entry("ProtectProc", "invisible"),
            Map.entry("RestrictNamespaces", "yes"), Map.entry("RestrictRealtime", "yes"),
            Map.entry("RestrictSUIDSGID", "yes"), Map.entry("LockPersonality", "yes"), Map.entry("RemoveIPC", "yes"),
            Map.entry("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
            Map.entry("SystemCallArchitectures", "native"), Map.entry("SystemCallFilter", "@system-service"));
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for galdav.service: (\\d+\\.\\d+)");

    @Test
    void bothUnitsAreHardenedAndNameProgramsTheirPackageShips(@TempDir Path dir) throws Exception {
        Path deb = Artifacts.unpackDeb(Files.createDirectory(dir.resolve("deb")));
        Path archive = Artifacts.unpackArchive(Files.createDirectory(dir.resolve("archive")));
        Map<Path, UnitFile> units = Map.of(
                deb, UnitFile.read(deb.resolve("lib/systemd/system/galdav.service")),
                archive, UnitFile.read(archive.resolve("systemd/galdav.service")));
        for (Map.Entry<Path, UnitFile> packaged : units.entrySet()) {
            UnitFile unit = packaged.getValue();
            for (Map.Entry<String, String> setting : HARDENING.entrySet()) {
                assertThat(unit.value("Service", setting.getKey())).as("%s in %s", setting.getKey(), packaged.getKey())
                        .isEqualTo(setting.getValue());
            }
            assertThat(unit.values("Service", "MemoryDenyWriteExecute")).as("the JIT needs W+X memory").isEmpty();
            assertThat(unit.value("Install", "WantedBy")).isEqualTo("multi-user.target");
            assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
            assertThat(unit.value("Service", "RestartPreventExitStatus")).as("a configuration error is not retried")
                    .isEqualTo("2");
            // Each program the unit runs is in the package, at the path the unit names.
            for (String key : List.of("ExecStart", "ExecCondition")) {
                String program = unit.value("Service", key).split(" ")[0];
                Path shipped = packaged.getKey() == deb ? deb.resolve(program.substring(1))
                        : archive.resolve(program.substring("/opt/galdav/".length()));
                assertThat(shipped).as("%s=%s", key, program).isRegularFile().isExecutable();
            }
        }
        assertExposureAtMost(deb.resolve("lib/systemd/system/galdav.service"), 2.0);
    }

    /** systemd-analyze security's score (0 = fully locked down, 10 = unprotected), where this systemd can judge a file. */
    private static void assertExposureAtMost(Path unit, double most) throws Exception {
        if (Command.run("sh", "-c", "command -v systemd-analyze").status() != 0) {
            return;
        }
        Command security = Command.run("systemd-analyze", "security", "--offline=true", unit.toString());
        if (security.output().contains("--offline")) {
            return; // systemd before 252 cannot analyse a file that is not loaded
        }
        Matcher m = EXPOSURE.matcher(security.output());
        assertThat(m.find()).as(security.toString()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(security.toString()).isLessThanOrEqualTo(most);
    }

    @Test
    void theStartWaitsUntilADirectoryIsNamedOrTheDemoIsAskedFor(@TempDir Path dir) throws Exception {
        Path condition = Path.of("src/dist/bin/configured");
        Path config = dir.resolve("galdav.conf");
        Path defaults = Files.writeString(dir.resolve("default"), "# nothing set\n");
        List<String> check = List.of("sh", condition.toString(), config.toString(), defaults.toString());

        Files.copy(ExampleConfiguration.SHIPPED, config);
        Command shipped = Command.run(Map.of(), null, check);
        assertThat(shipped.status()).as("the shipped file starts nothing: %s", shipped).isEqualTo(1);
        assertThat(shipped.output()).contains("not configured yet", config.toString(), "GALDAV_DEMO=yes");

        ExampleConfiguration examples = ExampleConfiguration.shipped();
        for (String directory : List.of("OpenLDAP", "Active Directory, Samba AD", "389 Directory Server and FreeIPA",
                "389 Directory Server and FreeIPA 2")) {
            Files.writeString(config, examples.examples().get(directory) + examples.active());
            assertThat(Command.run(Map.of(), null, check).status()).as("uncommented example %s", directory).isZero();
        }
        for (String unset : List.of("ldap.url = []", "ldap { url = [] }", "ldap.url = \"\"", "ldap.url = null",
                "http.public-url = \"https://contacts.example.com/\"")) {
            Files.writeString(config, unset + "\n");
            assertThat(Command.run(Map.of(), null, check).status()).as(unset).isEqualTo(1);
        }

        Files.writeString(config, "");
        assertThat(Command.run(Map.of("GALDAV_LDAP_URL", "ldap://ldap.example.com"), null, check).status()).isZero();
        Files.writeString(defaults, "GALDAV_DEMO=yes\n");
        assertThat(Command.run(Map.of(), null, check).status()).as("the demo, asked for").isZero();
        Files.writeString(defaults, "JAVA_OPTS=\"-Xmx1g -Dldap.url=ldap://ldap.example.com\"\n");
        assertThat(Command.run(Map.of(), null, check).status()).isZero();

        // The file the launcher serves is the one looked at: GALDAV_CONFIG or -Dgaldav.config in JAVA_OPTS.
        Path production = Files.writeString(dir.resolve("production.conf"), "ldap.url = \"ldap://ldap.example.com\"\n");
        Files.writeString(defaults, "GALDAV_CONFIG=" + production + "\n");
        assertThat(Command.run(Map.of(), null, check).status()).as("GALDAV_CONFIG names a directory").isZero();
        Files.writeString(defaults, "JAVA_OPTS=\"-Xmx1g -Dgaldav.config=" + production + "\"\n");
        assertThat(Command.run(Map.of(), null, check).status()).as("-Dgaldav.config names a directory").isZero();
        Files.writeString(defaults, "GALDAV_CONFIG=" + dir.resolve("missing.conf") + "\n");
        Files.writeString(config, "ldap.url = \"ldap://ldap.example.com\"\n");
        assertThat(Command.run(Map.of(), null, check).status()).as("galdav.conf is not what would be served").isEqualTo(1);
    }
}
