package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.it.slapd.Slapd;
import org.galdav.it.slapd.SlapdOptions;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package as an administrator meets it: dpkg -i (twice: install, then upgrade), files, user,
 * conffiles and the enabled unit in place, lintian without errors, systemd-analyze verify on the unit,
 * "galdav check" and then the server itself started by /usr/bin/galdav as the galdav user against a real
 * slapd, answering a PROPFIND, stopped by SIGTERM; dpkg -r keeps configuration, state and user, and
 * dpkg --purge leaves nothing behind. Needs root (.ci/run runs the suite as root) and the Debian packages
 * slapd, lintian and a Java 17 runtime. The release archive, the unit's hardening and the start condition
 * are in {@link ReleaseArchiveIT} and {@link UnitFilesIT}.
 */
class PackageIT {
    private static final String BOOK = "/addressbooks/directory/";
    private static final Map<String, String> FAST_JVM = Map.of("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m");

    @Test
    void debianPackageInstallsServesAsItsUserAndPurgesWithoutATrace(@TempDir Path dir) throws Exception {
        assertThat(Command.run("id", "-u").ok().output().strip()).as("PackageIT installs a .deb with dpkg and must "
                + "run as root, as .ci/run runs the integration tests").isEqualTo("0");
        assertThat(Slapd.available()).as("/usr/sbin/slapd (Debian package slapd, installed by .ci/run)").isTrue();
        Path deb = Artifacts.deb();
        Installed.purge(); // what an aborted earlier run may have left
        try {
            Command.run("dpkg", "-i", deb.toString()).ok();
            Command.run("dpkg", "-i", deb.toString()).ok(); // the upgrade path: prerm upgrade, postinst configure
            assertInstalled();
            assertLintianFindsNoErrors(deb);
            assertUnitVerifies();
            assertServesFromSlapdAsTheGaldavUser(dir);

            Command.run("dpkg", "-r", "galdav").ok();
            assertThat(Installed.status()).isEqualTo("deinstall ok config-files");
            assertThat(Installed.JAR).doesNotExist();
            assertThat(Installed.LAUNCHER).doesNotExist();
            assertThat(Installed.CONFIG).as("configuration kept on remove").exists();
            assertThat(Installed.STATE).as("sync state kept on remove").isDirectory();
            assertThat(Installed.exists("passwd", "galdav")).as("user kept on remove").isTrue();

            Command.run("dpkg", "--purge", "galdav").ok();
            assertThat(Installed.status()).doesNotContain("installed", "config-files");
            assertThat(Installed.leftovers()).as("left after purge").isEmpty();
            assertThat(Installed.exists("passwd", "galdav")).as("user galdav after purge").isFalse();
            assertThat(Installed.exists("group", "galdav")).as("group galdav after purge").isFalse();
        } finally {
            Installed.purge();
        }
    }

    private static void assertInstalled() throws Exception {
        assertThat(Installed.status()).isEqualTo("install ok installed");
        for (Path file : List.of(Installed.JAR, Installed.LAUNCHER, Installed.CONDITION, Installed.CONFIG,
                Installed.DEFAULTS, Installed.UNIT, Installed.DOC.resolve("copyright"),
                Installed.DOC.resolve("changelog.Debian.gz"), Installed.DOC.resolve("README.Debian"),
                Path.of("/usr/share/man/man1/galdav.1.gz"), Path.of("/usr/share/galdav/mappings/inetorgperson.conf"),
                Path.of("/usr/share/galdav/mappings/active-directory.conf"),
                Path.of("/usr/share/galdav/mappings/389ds-freeipa.conf"))) {
            assertThat(file).isRegularFile();
        }
        assertThat(Installed.LAUNCHER).isExecutable();
        assertThat(Installed.CONDITION).isExecutable();
        assertThat(Files.readString(Installed.LAUNCHER)).startsWith("#!/bin/sh\n")
                .contains("exec \"$java\" \"-Dgaldav.config=$config\" $JAVA_OPTS -jar /usr/share/galdav/galdav.jar \"$@\"");

        String[] user = Installed.user();
        assertThat(Integer.parseInt(user[2])).as("a system user's uid").isLessThan(1000);
        assertThat(user[5]).isEqualTo("/var/lib/galdav");
        assertThat(user[6]).isEqualTo("/usr/sbin/nologin");
        Installed.assertOwnedBy(Installed.STATE, "galdav", "galdav", "rwxr-x---");
        Installed.assertOwnedBy(Installed.CONFIG, "root", "galdav", "rw-r-----");

        assertThat(Installed.field("Conffiles")).contains("/etc/galdav/galdav.conf", "/etc/default/galdav");
        assertThat(Installed.ENABLED).as("the unit is enabled").isSymbolicLink();
        assertThat(Files.readSymbolicLink(Installed.ENABLED)).isEqualTo(Installed.UNIT);

        try (GZIPInputStream changelog = new GZIPInputStream(Files.newInputStream(Installed.DOC.resolve("changelog.Debian.gz")))) {
            String first = new String(changelog.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst()
                    .orElseThrow();
            assertThat(first).as("the changelog's latest entry is the package's version")
                    .startsWith("galdav (" + Installed.field("Version") + ") ");
        }
        assertCompletionInstalled();
    }

    /** The package installs the bash completion the jar prints ("galdav completion"), byte for byte. */
    private static void assertCompletionInstalled() throws Exception {
        Command completion = Command.run(Map.of(), null, List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", "target/galdav.jar", "completion"));
        assertThat(completion.status()).isZero();
        Path installed = Path.of("/usr/share/bash-completion/completions/galdav");
        assertThat(installed).isRegularFile();
        assertThat(Files.readString(installed)).contains("complete -F").contains("serve").contains("check");
    }

    private static void assertLintianFindsNoErrors(Path deb) throws Exception {
        Command lintian = Command.run("lintian", "--fail-on", "error", deb.toString());
        assertThat(lintian.output().lines().filter(l -> l.startsWith("E: "))).as("lintian:\n%s", lintian.output()).isEmpty();
        assertThat(lintian.status()).as("lintian:\n%s", lintian.output()).isZero();
    }

    /** systemd-analyze verify works without systemd as PID 1; it checks every directive and the programs named. */
    private static void assertUnitVerifies() throws Exception {
        if (Command.run("sh", "-c", "command -v systemd-analyze").status() != 0) {
            return; // not every CI machine has systemd; the unit's content is checked by UnitFilesIT anyway
        }
        Command verify = Command.run("systemd-analyze", "verify", Installed.UNIT.toString());
        assertThat(verify.output().lines().filter(l -> l.contains("galdav.service"))).as(verify.toString()).isEmpty();
        assertThat(verify.status()).as(verify.toString()).isZero();
    }

    private static void assertServesFromSlapdAsTheGaldavUser(Path dir) throws Exception {
        List<Entry> entries = Slapd.withoutOperationalAttributes(DemoCompany.entries(new DemoOptions(20, 11, 0)));
        long published = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")
                || e.hasObjectClass("groupOfNames") || e.hasObjectClass("groupOfUniqueNames")).count();
        try (Slapd slapd = Slapd.start(new SlapdOptions(DemoCompany.BASE_DN, 0, false))) {
            slapd.add(entries);
            Map<String, String> environment = new java.util.HashMap<>(FAST_JVM);
            environment.putAll(Map.of("GALDAV_LDAP_URL", slapd.url(), "GALDAV_LDAP_BIND_DN", DemoCompany.SERVICE_DN,
                    "GALDAV_LDAP_BIND_PASSWORD", DemoCompany.SERVICE_PASSWORD, "GALDAV_LDAP_BASE_DN", DemoCompany.BASE_DN,
                    "GALDAV_HTTP_PORT", "0"));

            // The unit's start condition: not configured as shipped, configured once a directory is named.
            List<String> condition = List.of(Installed.CONDITION.toString(), Installed.CONFIG.toString(),
                    Installed.DEFAULTS.toString());
            Command unconfigured = Command.run(Map.of(), null, condition);
            assertThat(unconfigured.status()).as(unconfigured.toString()).isEqualTo(1);
            assertThat(unconfigured.output()).contains("not configured yet", "ldap.url");
            Command.run(Map.of("GALDAV_LDAP_URL", slapd.url()), null, condition).ok();

            Command check = Command.run(environment, Installed.STATE, List.of("runuser", "-u", "galdav", "--",
                    Installed.LAUNCHER.toString(), "check")).ok();
            assertThat(check.output()).contains(DemoCompany.BASE_DN);

            Path log = dir.resolve("galdav.log");
            try (LaunchedServer galdav = LaunchedServer.start(Command.builder(log, environment,
                    List.of("runuser", "-u", "galdav", "--", Installed.LAUNCHER.toString())).directory(Installed.STATE.toFile()),
                    log)) {
                assertThat(galdav.java().info().user()).as("the server's user").contains("galdav");
                galdav.awaitHealthy();
                HttpResponse<String> listing = new DavClient(galdav.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD)
                        .propfind(BOOK, "1", Bodies.propfind("d:getetag"));
                assertThat(listing.statusCode()).as(listing.body()).isEqualTo(207);
                assertThat(Multistatus.parse(listing.body()).hrefs()).contains(BOOK)
                        .filteredOn(href -> href.endsWith(".vcf")).hasSize((int) published);

                // The JVM's status after SIGTERM is 143 (128 + 15); the unit counts it as success (SuccessExitStatus).
                assertThat(galdav.terminate()).as(galdav.output()).isIn(0, 143);
                assertThat(galdav.output()).contains("galdav stopped");
            }
        }
        try (var state = Files.walk(Installed.STATE)) {
            for (Path p : state.toList()) {
                assertThat(Files.getOwner(p).getName()).as("owner of %s", p).isEqualTo("galdav");
            }
        }
    }
}
