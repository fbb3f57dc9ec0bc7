package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.galdav.demo.DemoCompany;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive, unpacked into a directory of its own and started through a symbolic link from a
 * third one, as on any Linux without the Debian package: bin/galdav finds its jar, serves the demo, keeps
 * its sync state in the unpacked directory (not in the working directory) and stops on SIGTERM. Any user.
 */
class ReleaseArchiveIT {

    @Test
    void unpackedArchiveStartsFromAnyDirectoryThroughALink(@TempDir Path dir) throws Exception {
        Path home = Artifacts.unpackArchive(Files.createDirectory(dir.resolve("opt")));
        for (String file : List.of("bin/galdav", "bin/configured", "lib/galdav.jar", "conf/application.conf",
                "conf/galdav.conf.example", "mappings/inetorgperson.conf", "mappings/active-directory.conf",
                "mappings/389ds-freeipa.conf", "docs/README.md", "docs/install.md", "docs/configuration.md",
                "systemd/galdav.service", "man/man1/galdav.1")) {
            assertThat(home.resolve(file)).isRegularFile();
        }
        assertThat(home.resolve("bin/galdav")).isExecutable();
        Path link = Files.createSymbolicLink(Files.createDirectory(dir.resolve("bin")).resolve("galdav"),
                home.resolve("bin/galdav"));
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));

        Path log = dir.resolve("galdav.log");
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m",
                "GALDAV_HTTP_PORT", "0", "GALDAV_DEMO_PEOPLE", "20");
        try (LaunchedServer galdav = LaunchedServer.start(Command.builder(log, environment, List.of(link.toString()))
                .directory(elsewhere.toFile()), log)) {
            assertThat(galdav.output()).contains("Embedded demo directory");
            galdav.awaitHealthy();
            HttpResponse<String> root = new DavClient(galdav.url(), DemoCompany.DEMO_LOGIN, DemoCompany.DEMO_PASSWORD)
                    .propfind("/", "0", Bodies.propfind("d:current-user-principal"));
            assertThat(root.statusCode()).as(root.body()).isEqualTo(207);
            assertThat(galdav.terminate()).as(galdav.output()).isIn(0, 143);
        }
        try (Stream<Path> left = Files.list(elsewhere)) {
            assertThat(left).as("files written into the working directory").isEmpty();
        }
        assertThat(home.resolve("state")).as("sync state next to the program").isDirectory();
    }
}
