package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The packages that mvn package built into target/, found and unpacked without installing them. */
final class Artifacts {
    private static final Path TARGET = Path.of("target");

    private Artifacts() {
    }

    /** target/galdav_*_all.deb: exactly one. */
    static Path deb() throws IOException {
        return only("galdav_", "_all.deb");
    }

    /** target/galdav-*.tar.gz: exactly one. */
    static Path archive() throws IOException {
        return only("galdav-", ".tar.gz");
    }

    /** The .deb's files below {@code dir}, as dpkg would install them (dpkg-deb -x, no root needed). */
    static Path unpackDeb(Path dir) throws IOException, InterruptedException {
        Command.run("dpkg-deb", "-x", deb().toString(), dir.toString()).ok();
        return dir;
    }

    /** The archive unpacked below {@code dir}; returns its single top directory, galdav-<version>. */
    static Path unpackArchive(Path dir) throws IOException, InterruptedException {
        Command.run("tar", "-xzf", archive().toString(), "-C", dir.toString()).ok();
        try (Stream<Path> top = Files.list(dir)) {
            List<Path> dirs = top.toList();
            assertThat(dirs).as("one top directory in the archive").hasSize(1);
            assertThat(dirs.get(0).getFileName().toString()).startsWith("galdav-");
            return dirs.get(0);
        }
    }

    private static Path only(String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("target/%s*%s, built by mvn package before the integration tests", prefix, suffix)
                    .hasSize(1);
            return found.get(0);
        }
    }
}
