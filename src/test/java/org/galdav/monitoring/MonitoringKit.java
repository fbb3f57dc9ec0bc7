package org.galdav.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.json.Json;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring kit's files (conf/monitoring, docs/monitoring.md) read for the tests: the Grafana dashboard
 * as JSON, the alerting rules and their promtool tests as YAML, and the galdav metric names their
 * expressions read.
 */
final class MonitoringKit {
    static final Path DIRECTORY = Path.of("conf/monitoring");
    static final Path RULES = DIRECTORY.resolve("galdav-alerts.yml");
    static final Path RULE_TESTS = DIRECTORY.resolve("galdav-alerts.test.yml");
    static final Path DASHBOARD = DIRECTORY.resolve("grafana-dashboard.json");
    static final Path RUNBOOK = Path.of("docs/monitoring.md");
    /** Exported only while galdav serves HTTPS (another part of issue 13 adds it). */
    static final String CERTIFICATE_EXPIRY = "galdav_tls_certificate_expiry_seconds";
    /** Exported once the JVM has collected garbage since galdav started (JvmGcMetrics's pause timer). */
    static final Set<String> AFTER_FIRST_COLLECTION = Set.of("jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum",
            "jvm_gc_pause_seconds_max");
    /** The alerts the kit promises, in the order of the rules file. */
    static final List<String> ALERTS = List.of("GaldavDown", "GaldavDirectoryDown", "GaldavHighErrorRate",
            "GaldavChangeTrackingStalled", "GaldavCertificateExpiresSoon", "GaldavCertificateExpired");

    /** galdav's own metrics and the JVM's and process's meters it exports. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:galdav|jvm|process|system)_[a-z0-9_]+");

    private MonitoringKit() {
    }

    static Map<String, Object> dashboard() {
        return new Json().toType(read(DASHBOARD), Json.MAP_TYPE);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels() {
        return (List<Map<String, Object>>) dashboard().get("panels");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> targets(Map<String, Object> panel) {
        return (List<Map<String, Object>>) panel.getOrDefault("targets", List.of());
    }

    /** Every query of every panel, as written (with Grafana's variables). */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> panel : panels()) {
            for (Map<String, Object> target : targets(panel)) {
                expressions.add((String) target.get("expr"));
            }
        }
        return expressions;
    }

    /** The alerting rules of every group. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = new Yaml().load(read(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    static List<String> ruleExpressions() {
        return alertRules().stream().map(rule -> (String) rule.get("expr")).toList();
    }

    /** The promtool test cases: per case, its {@code alert_rule_test} entries. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ruleTestCases() {
        Map<String, Object> file = new Yaml().load(read(RULE_TESTS));
        return (List<Map<String, Object>>) file.get("tests");
    }

    /** The galdav metric names these PromQL expressions read. */
    static Set<String> metricNames(Collection<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Every galdav metric name the dashboard or the rules read. */
    static Set<String> metricNamesUsed() {
        List<String> all = new ArrayList<>(dashboardExpressions());
        all.addAll(ruleExpressions());
        return metricNames(all);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
