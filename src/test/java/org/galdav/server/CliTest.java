package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The command line as an operator types it, in-process: every command explains itself and its exit codes,
 * takes --config and --set (before or after the command), wrong usage is exit code 2, and without a
 * command galdav serves, as {@code java -jar galdav.jar} always has.
 */
class CliTest {
    private static final List<String> COMMANDS = List.of("serve", "check", "preview", "version");
    private static DemoDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        directory = DemoDirectory.start(new DemoOptions(5, 4, 0));
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    /** Exit code, standard output and standard error of one run; a server it started is closed. */
    private record Run(int code, String out, String err, List<GaldavServer> started) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<GaldavServer> started = new ArrayList<>();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), started::add);
        return new Run(code, out.toString(), err.toString(), started);
    }

    @Test
    void everyCommandHasHelpWithTheConfigurationOptionsAndTheExitCodes() {
        List<String[]> helps = new ArrayList<>();
        helps.add(new String[] {"--help"});
        COMMANDS.forEach(command -> helps.add(new String[] {command, "--help"}));
        for (String[] help : helps) {
            Run run = run(help);
            assertThat(run.code()).as(String.join(" ", help)).isZero();
            assertThat(run.out()).as(String.join(" ", help)).contains("Usage: galdav", "--config=FILE",
                    "--set=KEY=VALUE", "Exit codes:", " 0   success", " 1   runtime failure",
                    " 2   configuration error");
        }
        String top = run("--help").out();
        assertThat(top).contains("  serve ", "  check ", "  preview ", "  version ").doesNotContain("completion");
    }

    @Test
    void wrongUsageIsExitCode2WithAHint() {
        Run typo = run("chekc");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Unmatched argument", "Did you mean: galdav check?");
        assertThat(run("preview").code()).as("preview without whom").isEqualTo(2);
        assertThat(run("check", "--no-such-option").code()).isEqualTo(2);
        assertThat(run("check", "--set", "ldap.url").err()).contains("KEY=VALUE");
    }

    @Test
    void versionNamesGaldavAndItsVersion() {
        Run run = run("version");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines().findFirst()).contains("galdav " + Version.number());
        assertThat(run("--version").out()).startsWith("galdav " + Version.number());
    }

    @Test
    void configFileBeforeTheCommandAndSetAfterItWhichWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("galdav.conf");
        Files.writeString(file, "ldap {\n  url = \"" + directory.url() + "\"\n  base-dn = \"" + directory.baseDn()
                + "\"\n  bind-password = \"wrong\"\n}\n");
        // A value with '=' in it (a DN) stays whole.
        String bindDn = "ldap.bind-dn=" + DemoCompany.SERVICE_DN;
        Level before = root().getLevel();
        Run wrong = run("--config", file.toString(), "check", "--set", bindDn);
        assertThat(wrong.code()).as(wrong.out()).isEqualTo(1);
        assertThat(wrong.out()).contains("FAIL bind as " + DemoCompany.SERVICE_DN);
        Run right = run("--config", file.toString(), "check", "--set", bindDn,
                "--set", "ldap.bind-password=" + DemoCompany.SERVICE_PASSWORD);
        assertThat(right.code()).as(right.out()).isZero();
        assertThat(right.out()).contains("OK   bind as " + DemoCompany.SERVICE_DN);
        assertThat(root().getLevel()).as("check silences the log only while it runs").isEqualTo(before);

        Run missing = run("check", "--config", dir.resolve("nothing.conf").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out()).contains("FAIL configuration: configuration file ", "(from --config) cannot be read");
        Run unknown = run("check", "--set", "ldap.nosuch=1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.out()).contains("--set ldap.nosuch: no such key");
    }

    @Test
    void previewRunsFromTheCommandLine() {
        Run found = run("preview", "demo", "--set", "demo.people=20", "--set", "demo.gateway-book=false");
        assertThat(found.code()).as(found.err()).isZero();
        assertThat(found.out()).contains("entry: uid=demo,", "VERSION:4.0");
        assertThat(run("preview", "nobody-at-all", "--set", "demo.people=20").code()).isEqualTo(1);
    }

    @Test
    void withoutACommandGaldavServesAndABadSettingIsExitCode2(@TempDir Path state) throws Exception {
        Run serving = run("--set", "http.port=0", "--set", "demo.people=5", "--set", "sync.state-dir=" + state);
        assertThat(serving.code()).as(serving.err()).isEqualTo(Cli.SERVING);
        assertThat(serving.started()).hasSize(1);
        try (GaldavServer server = serving.started().get(0)) {
            HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "health/live")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
        }
        Run bad = run("serve", "--set", "http.port=abc");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("galdav: configuration: ").contains("http.port");
        assertThat(bad.started()).isEmpty();
    }

    @Test
    void theStopLineSaysHowLongAndHowManyRequestsWereAbandoned() {
        assertThat(Main.stoppedLine(java.time.Duration.ofMillis(1234), 0))
                .isEqualTo("galdav stopped in 1.2 s; 0 requests abandoned");
        assertThat(Main.stoppedLine(java.time.Duration.ofMillis(12_050), 1))
                .isEqualTo("galdav stopped in 12.1 s; 1 request abandoned");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
