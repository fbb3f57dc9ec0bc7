package org.galdav.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * promtool (Debian package {@code prometheus}) checks the monitoring kit: the alerting rules load, their
 * unit tests pass, and every query of the Grafana dashboard is valid PromQL. A file with a broken query
 * is refused, so a passing check means something.
 */
class MonitoringKitIT {
    @Test
    void theAlertingRulesLoad() throws Exception {
        Result result = promtool("check", "rules", MonitoringKit.RULES.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + MonitoringKit.ALERTS.size() + " rules found");
    }

    @Test
    void theAlertingRulesPassTheirUnitTests() throws Exception {
        Result result = promtool("test", "rules", MonitoringKit.RULE_TESTS.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** Each query as a recording rule, with the dashboard's variables set as Grafana would set them. */
    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        List<Map<String, String>> rules = new ArrayList<>();
        for (String expression : MonitoringKit.dashboardExpressions()) {
            Map<String, String> rule = new LinkedHashMap<>();
            rule.put("record", "galdav:dashboard_query_" + rules.size());
            rule.put("expr", expression.replace("$__rate_interval", "2m").replace("$job", "galdav")
                    .replace("$instance", ".*").replace("$book", ".*"));
            rules.add(rule);
        }
        Path file = write(dir.resolve("dashboard-queries.yml"), rules);
        Result result = promtool("check", "rules", file.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + rules.size() + " rules found");

        Path broken = write(dir.resolve("broken.yml"), List.of(Map.of("record", "galdav:broken",
                "expr", "sum by (book) (rate(galdav_sync_polls_total[5m])")));
        assertThat(promtool("check", "rules", broken.toString()).exit()).isNotZero();
    }

    private record Result(int exit, String output) {
    }

    private static Path write(Path file, List<? extends Map<String, String>> rules) throws Exception {
        Map<String, Object> group = Map.of("name", "dashboard", "rules", rules);
        Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(group))));
        return file;
    }

    private static Result promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        return new Result(process.exitValue(), String.join(" ", command) + "\n" + output);
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("promtool not found on PATH: apt-get install prometheus (see .ci/run)");
    }
}
