package org.galdav.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code galdav --config FILE --set key=value}: the file stands where {@code -Dgaldav.config} does, the
 * pairs above everything, system properties included; values are typed like their defaults, and a key the
 * defaults do not define is refused rather than ignored.
 */
class CommandLineOverridesTest {
    @Test
    void setIsStrongerThanSystemPropertiesAndTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("galdav.conf");
        Files.writeString(file, "http.realm = file\nhttp.server-name = file\n");
        System.setProperty("http.realm", "property");
        ConfigFactory.invalidateCaches();
        try {
            Settings settings = SettingsLoader.load(Optional.of(file), Map.of("http.realm", "set"));
            assertThat(settings.http().realm()).isEqualTo("set");
            assertThat(settings.http().serverName()).as("from the file").isEqualTo("file");
            assertThat(SettingsLoader.load(Optional.of(file), Map.of()).http().realm()).isEqualTo("property");
        } finally {
            System.clearProperty("http.realm");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void valuesAreTypedLikeTheirDefaults() {
        Settings settings = SettingsLoader.load(Optional.empty(), Map.of("http.port", "8443", "cache.ttl", "90s",
                "ldap.url", "[\"ldap://a:389\", \"ldaps://b\"]", "ldap.base-dn", "dc=x", "http.tls.key-store",
                "/etc/galdav/server.p12"));
        assertThat(settings.http().port()).isEqualTo(8443);
        assertThat(settings.cache().ttl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(((DirectorySettings.Ldap) settings.directory()).connection().urls())
                .containsExactly("ldap://a:389", "ldaps://b");
        assertThat(settings.http().tls().keys()).map(k -> ((org.galdav.http.TlsSettings.KeyStoreFile) k).file())
                .contains(Path.of("/etc/galdav/server.p12"));
        Settings one = SettingsLoader.load(Optional.empty(), Map.of("ldap.url", "ldap://a", "ldap.base-dn", "dc=x"));
        assertThat(((DirectorySettings.Ldap) one.directory()).connection().urls()).containsExactly("ldap://a");
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("http.prot", "1")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("--set http.prot: no such key");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("http.port", "abc")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("--set").hasMessageContaining("http.port");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.empty(), Map.of("ldap.url", "[\"ldap://a\"")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("--set ldap.url must hold a HOCON list");
        assertThatThrownBy(() -> SettingsLoader.load(Optional.of(Path.of("/no/such/galdav.conf")), Map.of()))
                .isInstanceOf(ConfigError.class).hasMessage("configuration file /no/such/galdav.conf (from --config) "
                        + "cannot be read");
    }

    @Test
    void theLogFormatIsPlainOrJson() {
        assertThat(SettingsLoader.logFormat(Optional.empty(), Map.of())).isEqualTo("plain");
        assertThat(SettingsLoader.logFormat(Optional.empty(), Map.of("log.format", "JSON"))).isEqualTo("json");
        assertThatThrownBy(() -> SettingsLoader.logFormat(Optional.empty(), Map.of("log.format", "xml")))
                .isInstanceOf(ConfigError.class).hasMessage("configuration: log.format must be plain or json, not 'xml'");
    }
}
