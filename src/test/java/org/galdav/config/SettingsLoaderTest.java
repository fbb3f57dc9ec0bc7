package org.galdav.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.LoginFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults load; mistakes stop the start with a message naming the key. */
class SettingsLoaderTest {
    @Test
    void defaultsDescribeTheDemoSetup() throws Exception {
        Settings settings = SettingsLoader.load(ConfigFactory.empty());
        assertThat(settings.directory()).isInstanceOf(DirectorySettings.Demo.class);
        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.auth().loginFilter()).isEqualTo(LoginFilter.parse("(uid={0})"));
        // The synced book, and the same people as a search-only directory gateway (the demo shows both).
        assertThat(settings.books()).hasSize(2);
        assertThat(settings.books().get(0).mapping()).isEqualTo("mappings/inetorgperson.conf");
        assertThat(settings.books().get(0).directoryGateway()).isFalse();
        assertThat(settings.books().get(1).id()).isEqualTo("search");
        assertThat(settings.books().get(1).displayName()).isEqualTo("Company directory (search)");
        assertThat(settings.books().get(1).directoryGateway()).isTrue();
        assertThat(settings.books().get(1).mapping()).isEqualTo("mappings/inetorgperson.conf");
        assertThat(((DirectorySettings.Demo) settings.directory()).demo().people()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void theDemoGatewayBookCanBeLeftOutAndNeverJoinsARealDirectory() throws Exception {
        assertThat(SettingsLoader.load(ConfigFactory.parseString("demo.gateway-book = false")).books()).hasSize(1);
        Settings real = SettingsLoader.load(ConfigFactory.parseString(
                "ldap.url = \"ldap://x\"\nldap.base-dn = \"dc=x\""));
        assertThat(real.books()).hasSize(1);
    }

    @Test
    void aDirectoryNeedsABaseDn() {
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.parseString("ldap.url = \"ldap://x\"")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("ldap.base-dn");
    }

    @Test
    void wrongTypesNameTheKey() {
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.parseString("http.port = abc")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.parseString("ldap.url = \"http://x\"\nldap.base-dn = x")))
                .hasMessageContaining("ldap.url");
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.parseString("cache.ttl = 0s")))
                .hasMessageContaining("cache.ttl");
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.parseString("books = [{ id = a, mapping = m }, { id = a, mapping = m }]")))
                .hasMessageContaining("books[1].id");
    }

    @Test
    void passwordFileWinsAndIsTrimmed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\n");
        Settings settings = SettingsLoader.load(ConfigFactory.parseString("ldap.url = \"ldap://127.0.0.1\"\n"
                + "ldap.base-dn = \"dc=x\"\nldap.bind-password = wrong\nldap.bind-password-file = \"" + file + "\""));
        LdapSettings ldap = ((DirectorySettings.Ldap) settings.directory()).connection();
        assertThat(ldap.bindPassword()).isEqualTo("s3cret");
        assertThat(ldap.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.parseString("ldap.url = \"ldap://127.0.0.1\"\n"
                + "ldap.base-dn = \"dc=x\"\nldap.bind-password-file = \"" + dir.resolve("missing") + "\"")))
                .hasMessageContaining("ldap.bind-password-file");
    }
}
