package org.galdav.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.galdav.http.TlsSettings;
import org.junit.jupiter.api.Test;

/** {@code http.tls}: PEM files or a key store, never both, and the settings that only make sense with HTTPS. */
class TlsSettingsReaderTest {
    private static TlsSettings tls(String hocon) {
        return SettingsLoader.load(ConfigFactory.parseString(hocon), Map.of()).http().tls();
    }

    @Test
    void pemFilesWithTheDefaults() {
        TlsSettings tls = tls("http.tls { certificate = /etc/le/fullchain.pem, private-key = /etc/le/privkey.pem }");
        assertThat(tls).isEqualTo(new TlsSettings(Optional.of(new TlsSettings.PemFiles(Path.of("/etc/le/fullchain.pem"),
                Path.of("/etc/le/privkey.pem"))), Duration.ofMinutes(1), OptionalInt.empty(), Duration.ofDays(365)));
        assertThat(tls.enabled()).isTrue();
        assertThat(tls("").enabled()).isFalse();
    }

    @Test
    void aKeyStoreWithARedirectPortAndOwnIntervals() {
        TlsSettings tls = tls("http.port = 443\nhttp.tls { key-store = s.p12, key-store-password = pw, redirect-port = 80, "
                + "reload-interval = 0, hsts-max-age = 1d }");
        assertThat(tls).isEqualTo(new TlsSettings(Optional.of(new TlsSettings.KeyStoreFile(Path.of("s.p12"), "pw")),
                Duration.ZERO, OptionalInt.of(80), Duration.ofDays(1)));
        assertThat(tls.keys().orElseThrow().toString()).doesNotContain("pw");
    }

    @Test
    void bothKindsOfKeysAreAnError() {
        assertThatThrownBy(() -> tls("http.tls { key-store = s.p12, certificate = c.pem, private-key = k.pem }"))
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining("'http.tls.key-store'").hasMessageContaining("'http.tls.certificate'")
                .hasMessageContaining("not both");
    }

    @Test
    void aCertificateWithoutItsKeyIsAnError() {
        assertThatThrownBy(() -> tls("http.tls.certificate = c.pem")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("'http.tls.certificate' and 'http.tls.private-key' go together");
        assertThatThrownBy(() -> tls("http.tls.private-key = k.pem")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("go together");
    }

    @Test
    void theRedirectPortNeedsHttpsAnotherPortAndAnHttpsPublicUrl() {
        assertThatThrownBy(() -> tls("http.tls.redirect-port = 80")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("'http.tls.redirect-port' redirects to HTTPS, which needs");
        String pem = "http.tls { certificate = c.pem, private-key = k.pem }\n";
        assertThatThrownBy(() -> tls(pem + "http.port = 8443\nhttp.tls.redirect-port = 8443"))
                .isInstanceOf(ConfigError.class).hasMessageContaining("other than http.port");
        assertThatThrownBy(() -> tls(pem + "http.tls.redirect-port = 80\nhttp.public-url = \"http://x.example/\""))
                .isInstanceOf(ConfigError.class).hasMessageContaining("must then be an https:// URL");
        assertThat(tls(pem + "http.tls.redirect-port = 80\nhttp.public-url = \"https://x.example/\"").redirectPort())
                .hasValue(80);
    }

    @Test
    void negativeDurationsAreAnError() {
        assertThatThrownBy(() -> tls("http.tls.reload-interval = -1s")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("'http.tls.reload-interval' must not be negative");
    }
}
