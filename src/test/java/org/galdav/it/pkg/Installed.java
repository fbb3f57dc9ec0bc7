package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** What dpkg and the maintainer scripts left on this machine for the galdav package. */
final class Installed {
    static final Path JAR = Path.of("/usr/share/galdav/galdav.jar");
    static final Path LAUNCHER = Path.of("/usr/bin/galdav");
    static final Path CONDITION = Path.of("/usr/share/galdav/bin/configured");
    static final Path CONFIG = Path.of("/etc/galdav/galdav.conf");
    static final Path DEFAULTS = Path.of("/etc/default/galdav");
    static final Path STATE = Path.of("/var/lib/galdav");
    static final Path UNIT = Path.of("/lib/systemd/system/galdav.service");
    static final Path ENABLED = Path.of("/etc/systemd/system/multi-user.target.wants/galdav.service");
    static final Path DOC = Path.of("/usr/share/doc/galdav");
    /** Every path the package or its scripts create; none may be left after a purge. */
    static final List<Path> EVERYTHING = List.of(Path.of("/usr/share/galdav"), LAUNCHER, Path.of("/etc/galdav"), DEFAULTS,
            STATE, UNIT, ENABLED, DOC, Path.of("/usr/share/man/man1/galdav.1.gz"),
            Path.of("/usr/share/lintian/overrides/galdav"), Path.of("/usr/share/bash-completion/completions/galdav"));

    private Installed() {
    }

    /** dpkg's status of the package ("install ok installed", "deinstall ok config-files"), or "" if unknown. */
    static String status() throws IOException, InterruptedException {
        Command query = Command.run("dpkg-query", "-W", "-f=${Status}", "galdav");
        return query.status() == 0 ? query.output().strip() : "";
    }

    static String field(String name) throws IOException, InterruptedException {
        return Command.run("dpkg-query", "-W", "-f=${" + name + "}", "galdav").ok().output().strip();
    }

    /** Whether {@code name} is a user (passwd) or group (group) in the system's databases. */
    static boolean exists(String database, String name) throws IOException, InterruptedException {
        return Command.run("getent", database, name).status() == 0;
    }

    /** getent passwd galdav, split at ':' (name, password, uid, gid, gecos, home, shell). */
    static String[] user() throws IOException, InterruptedException {
        return Command.run("getent", "passwd", "galdav").ok().output().strip().split(":");
    }

    static void assertOwnedBy(Path path, String owner, String group, String permissions) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(attributes.owner().getName()).as("owner of %s", path).isEqualTo(owner);
        assertThat(attributes.group().getName()).as("group of %s", path).isEqualTo(group);
        assertThat(PosixFilePermissions.toString(attributes.permissions())).as("mode of %s", path).isEqualTo(permissions);
    }

    /** The paths of {@link #EVERYTHING} that exist. */
    static List<Path> leftovers() {
        return EVERYTHING.stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    /** Purges the package if dpkg knows it, whatever its state: no test run leaves it behind. */
    static void purge() throws IOException, InterruptedException {
        if (!status().isEmpty() && !status().contains("not-installed")) {
            Command.run("dpkg", "--purge", "galdav").ok();
        }
    }
}
