package org.galdav.it.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.galdav.config.BookSettings;
import org.galdav.config.DirectorySettings;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples in the shipped /etc/galdav/galdav.conf are valid settings: each one, uncommented as an
 * administrator would, loads, names its directory and uses the mapping its directory guide names. The file
 * as shipped names no directory, which is what keeps the service from starting on the demo.
 */
class ExampleConfigurationTest {
    /** Each directory example and the shipped mapping its guide (docs/directories) prescribes. */
    private static final Map<String, String> MAPPINGS = Map.of(
            "OpenLDAP", "mappings/inetorgperson.conf",
            "Active Directory, Samba AD", "mappings/active-directory.conf",
            "389 Directory Server and FreeIPA", "mappings/389ds-freeipa.conf",
            "389 Directory Server and FreeIPA 2", "mappings/389ds-freeipa.conf");

    @Test
    void everyDirectoryExampleLoadsWithItsMappingAndTheStateDirectory(@TempDir Path dir) throws Exception {
        ExampleConfiguration shipped = ExampleConfiguration.shipped();
        assertThat(shipped.examples()).containsKeys(MAPPINGS.keySet().toArray(String[]::new)).containsKey("HTTP");
        Path password = Files.writeString(dir.resolve("ldap-password"), "s3cret\n");

        for (Map.Entry<String, String> mapping : MAPPINGS.entrySet()) {
            String example = shipped.examples().get(mapping.getKey());
            assertThat(example).as(mapping.getKey()).contains("bind-password-file = \"/etc/galdav/ldap-password\"");
            Config config = ConfigFactory.parseString(example + shipped.active())
                    .withValue("ldap.bind-password-file", ConfigValueFactory.fromAnyRef(password.toString()));
            Settings settings = SettingsLoader.load(config);

            assertThat(settings.directory()).as(mapping.getKey()).isInstanceOf(DirectorySettings.Ldap.class);
            DirectorySettings.Ldap ldap = (DirectorySettings.Ldap) settings.directory();
            assertThat(ldap.connection().urls()).as(mapping.getKey()).isNotEmpty()
                    .allSatisfy(url -> assertThat(url).startsWith("ldaps://"));
            assertThat(ldap.connection().bindPassword()).isEqualTo("s3cret");
            assertThat(settings.books()).extracting(BookSettings::mapping).containsExactly(mapping.getValue());
            assertThat(settings.sync().stateDir()).isEqualTo(Path.of("/var/lib/galdav"));
        }
    }

    @Test
    void theHttpExampleLoads() throws Exception {
        ExampleConfiguration shipped = ExampleConfiguration.shipped();
        Settings settings = SettingsLoader.load(ConfigFactory.parseString(shipped.examples().get("HTTP")
                + shipped.active()));

        assertThat(settings.http().publicUrl()).isPresent();
        assertThat(settings.http().port()).isEqualTo(8443);
        assertThat(settings.http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void theFileAsShippedNamesNoDirectory() throws Exception {
        ExampleConfiguration shipped = ExampleConfiguration.shipped();
        assertThat(shipped.active()).isEqualTo("sync.state-dir = \"/var/lib/galdav\"\n");

        Settings settings = SettingsLoader.load(ConfigFactory.parseString(shipped.active()));
        assertThat(settings.directory()).isInstanceOf(DirectorySettings.Demo.class);
    }
}
