package org.galdav.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Scrapes;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * The monitoring kit (conf/monitoring) is well-formed and reads only what galdav exports: the Grafana
 * dashboard is a dashboard model Grafana can import, the alerting rules are complete, each with its runbook
 * section, and every metric name the two use is in a running galdav's {@code GET /metrics}. promtool itself
 * checks the rules in {@link MonitoringKitIT}; the certificate gauge, HTTPS only, in {@link MonitoringKitTlsTest}.
 */
class MonitoringKitTest {
    private static final String DATASOURCE = "${DS_PROMETHEUS}";
    private static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat");

    @Test
    void theDashboardIsAGrafanaDashboardModel() {
        Map<String, Object> dashboard = MonitoringKit.dashboard();
        assertThat(dashboard.get("title")).isEqualTo("galdav");
        assertThat((String) dashboard.get("uid")).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.get("id")).as("null, so that an import creates the dashboard").isNull();
        assertThat(((Number) dashboard.get("schemaVersion")).intValue()).isBetween(36, 41);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variables = (List<Map<String, Object>>)
                ((Map<String, Object>) dashboard.get("templating")).get("list");
        assertThat(variables).anySatisfy(variable -> {
            assertThat(variable.get("name")).isEqualTo("DS_PROMETHEUS");
            assertThat(variable.get("type")).isEqualTo("datasource");
            assertThat(variable.get("query")).isEqualTo("prometheus");
        });
        Set<String> defined = new HashSet<>();
        variables.forEach(variable -> defined.add((String) variable.get("name")));

        Set<Long> ids = new HashSet<>();
        List<int[]> areas = new ArrayList<>();
        for (Map<String, Object> panel : MonitoringKit.panels()) {
            String title = (String) panel.get("title");
            assertThat(title).isNotBlank();
            assertThat(ids.add(((Number) panel.get("id")).longValue())).as("unique id of " + title).isTrue();
            assertThat(PANEL_TYPES).contains((String) panel.get("type"));
            int[] area = area(panel);
            assertThat(area[0] + area[2]).as(title + " within the 24 columns").isLessThanOrEqualTo(24);
            areas.forEach(other -> assertThat(overlap(area, other)).as(title + " overlaps another panel").isFalse());
            areas.add(area);
            if (panel.get("type").equals("row")) {
                continue;
            }
            assertThat(uid(panel)).as(title).isEqualTo(DATASOURCE);
            List<Map<String, Object>> targets = MonitoringKit.targets(panel);
            assertThat(targets).as(title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (Map<String, Object> target : targets) {
                assertThat((String) target.get("expr")).as(title).isNotBlank();
                assertThat(refIds.add((String) target.get("refId"))).as(title + " refId").isTrue();
                assertThat(uid(target)).as(title).isEqualTo(DATASOURCE);
                assertThat(variablesIn((String) target.get("expr"))).as(title).isSubsetOf(defined);
            }
        }
        assertThat(ids).hasSizeGreaterThan(10);
    }

    @Test
    void everyAlertIsCompleteAndHasItsRunbookSection() {
        List<Map<String, Object>> rules = MonitoringKit.alertRules();
        assertThat(rules).extracting(rule -> rule.get("alert")).containsExactlyElementsOf(MonitoringKit.ALERTS);
        String runbook = MonitoringKit.read(MonitoringKit.RUNBOOK);
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            assertThat(rule).as(name).containsKeys("expr", "for");
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) rule.get("labels");
            assertThat(labels.get("severity")).as(name).isIn("warning", "critical");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
            assertThat(annotations.get("summary")).as(name).isNotBlank();
            assertThat(annotations.get("description")).as(name).isNotBlank();
            // GitHub's anchor of the heading "### GaldavDown" is #galdavdown.
            assertThat(annotations.get("runbook_url")).isEqualTo("docs/monitoring.md#" + name.toLowerCase());
            assertThat(runbook).as("runbook section of " + name).containsPattern("(?m)^### " + name + "$");
        }
    }

    @Test
    void everyAlertHasPromtoolCasesThatFireItAndThatDoNot() {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Map<String, Object> testCase : MonitoringKit.ruleTestCases()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> checks = (List<Map<String, Object>>) testCase.get("alert_rule_test");
            for (Map<String, Object> check : checks) {
                List<?> expected = (List<?>) check.get("exp_alerts");
                (expected.isEmpty() ? silent : firing).add((String) check.get("alertname"));
            }
        }
        assertThat(firing).containsExactlyInAnyOrderElementsOf(MonitoringKit.ALERTS);
        assertThat(silent).containsExactlyInAnyOrderElementsOf(MonitoringKit.ALERTS);
    }

    /**
     * Every name the dashboard and the rules read is exported, and the dashboard shows every metric galdav
     * exports. A private server lists its book once (the listing is waited for), so the change-tracking
     * gauges have a success to show, and has served requests and searches, so the timers exist.
     */
    @Test
    void theKitReadsWhatGaldavExportsAndShowsAllOfIt() {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            assertThat(client.propfind("/addressbooks/directory/", "1", Bodies.propfind("d:getetag")).statusCode())
                    .isEqualTo(207);
            Set<String> exported = Scrapes.names(client.get("/metrics").body());

            Set<String> used = MonitoringKit.metricNamesUsed();
            assertThat(used).contains(MonitoringKit.CERTIFICATE_EXPIRY, "galdav_directory_up",
                    "galdav_sync_failing_seconds", "galdav_http_requests_seconds_count");
            Set<String> plainHttp = new TreeSet<>(used);
            plainHttp.remove(MonitoringKit.CERTIFICATE_EXPIRY);
            // Micrometer registers the pause timer at the first collection after start, which a short test
            // server may not have had yet; its names are those JvmGcMetrics documents.
            plainHttp.removeAll(MonitoringKit.AFTER_FIRST_COLLECTION);
            assertThat(exported).containsAll(plainHttp);
            assertThat(MonitoringKit.metricNames(MonitoringKit.dashboardExpressions())).containsAll(exported);
        }
    }

    /** Left, top, width, height of a panel's place on the grid. */
    private static int[] area(Map<String, Object> panel) {
        @SuppressWarnings("unchecked")
        Map<String, Object> grid = (Map<String, Object>) panel.get("gridPos");
        int[] area = new int[4];
        String[] keys = {"x", "y", "w", "h"};
        for (int i = 0; i < 4; i++) {
            Number value = (Number) grid.get(keys[i]);
            assertThat(value).as(panel.get("title") + " gridPos." + keys[i]).isNotNull();
            assertThat(value.doubleValue()).isEqualTo(value.intValue());
            area[i] = value.intValue();
        }
        assertThat(area[0]).isNotNegative();
        assertThat(area[1]).isNotNegative();
        assertThat(area[2]).isPositive();
        assertThat(area[3]).isPositive();
        return area;
    }

    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    @SuppressWarnings("unchecked")
    private static Object uid(Map<String, Object> owner) {
        return ((Map<String, Object>) owner.get("datasource")).get("uid");
    }

    /** The dashboard variables a query uses ({@code $job}); Grafana's own ({@code $__rate_interval}) aside. */
    private static Set<String> variablesIn(String expression) {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\$(\\w+)").matcher(expression);
        while (m.find()) {
            if (!m.group(1).startsWith("__")) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
