package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.junit.jupiter.api.Test;

/** galdav check and galdav preview, on the embedded demo directory. */
class PreviewTest {
    private final Settings settings = SettingsLoader.load(ConfigFactory.parseMap(Map.of("demo.people", 40)));

    @Test
    void checkLoadsMappingsAndBinds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Check(() -> settings, new PrintWriter(out, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).run();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("OK   book directory: mapping mappings/inetorgperson.conf (", "OK   bind as "
                + DemoCompany.SERVICE_DN);
    }

    @Test
    void previewShowsBothVersionsOfAPublishedEntry() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Preview(settings, new PrintWriter(out, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).preview("demo");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("entry: uid=demo,ou=People,", "book directory: published as /addressbooks/directory/",
                "VERSION:3.0", "VERSION:4.0", "NICKNAME:demo");
        ByteArrayOutputStream missing = new ByteArrayOutputStream();
        assertThat(new Preview(settings, new PrintWriter(missing, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).preview("nobody-at-all"))
                .isEqualTo(1);
    }

    @Test
    void previewRendersGroupsWithTheirMembersAsTheServerDoes() throws Exception {
        String group = DemoCompany.entries(new DemoOptions(40, 42, 0)).stream()
                .filter(e -> e.hasObjectClass("groupOfNames")).findFirst().orElseThrow().getDN();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Preview(settings, new PrintWriter(out, true, StandardCharsets.UTF_8), TimeSource.SYSTEM).preview(group);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(text).contains("KIND:group", "MEMBER:urn:uuid:", "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:");
    }
}
