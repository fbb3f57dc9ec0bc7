package org.galdav.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueType;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.directory.ChangeFeeds;
import org.junit.jupiter.api.Test;

/**
 * Every key of the bundled defaults has its GALDAV_* variable, typed like its default, weaker than the
 * operator's file and stronger than the defaults; the environment is injected, the process's is untouched.
 */
class EnvironmentOverridesTest {
    private static final Config DEFAULTS = SettingsLoader.defaults();
    private static final SortedMap<String, String> VARIABLES = EnvironmentOverrides.variables(DEFAULTS);

    @Test
    void everyKeyOfTheDefaultsCanBeSetThroughItsVariable() {
        Config defaults = DEFAULTS.resolve(ConfigResolveOptions.noSystem());
        assertThat(VARIABLES).containsKeys("http.port", "http.tls.key-store", "ldap.url", "ldap.trust-store", "books",
                "sync.poll-interval", "demo.seed");
        for (Map.Entry<String, String> key : VARIABLES.entrySet()) {
            String path = key.getKey();
            ConfigValueType type = defaults.getIsNull(path) ? ConfigValueType.NULL : defaults.getValue(path).valueType();
            String text = switch (type) {
                case NUMBER -> String.valueOf(defaults.getLong(path) + 1);
                case BOOLEAN -> String.valueOf(!defaults.getBoolean(path));
                case LIST -> "[\"one\", \"two\"]";
                default -> isDuration(defaults, path) ? "17s" : "from " + key.getValue();
            };
            Config merged = SettingsLoader.merged(ConfigFactory.empty(), Map.of(key.getValue(), text));
            assertThat(merged.getValue(path).origin().description()).as(path).startsWith(EnvironmentOverrides.ORIGIN);
            switch (type) {
                case NUMBER -> assertThat(merged.getLong(path)).as(path).isEqualTo(defaults.getLong(path) + 1);
                case BOOLEAN -> assertThat(merged.getBoolean(path)).as(path).isEqualTo(!defaults.getBoolean(path));
                case LIST -> assertThat(merged.getStringList(path)).as(path).containsExactly("one", "two");
                default -> {
                    if (isDuration(defaults, path)) {
                        assertThat(merged.getDuration(path)).as(path).isEqualTo(Duration.ofSeconds(17));
                    } else {
                        assertThat(merged.getString(path)).as(path).isEqualTo(text);
                    }
                }
            }
        }
    }

    @Test
    void noTwoKeysShareAVariable() {
        assertThat(new HashSet<>(VARIABLES.values())).hasSameSizeAs(VARIABLES.values())
                .doesNotContain("GALDAV_EXCLUDE_FILTER");
        assertThatThrownBy(() -> EnvironmentOverrides.variables(ConfigFactory.parseString("a { b-c = 1, b.c = 2 }")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a.b-c").hasMessageContaining("GALDAV_A_B_C");
    }

    @Test
    void theVariablesOfEarlierReleasesKeepTheirNames() {
        assertThat(VARIABLES).containsEntry("http.host", "GALDAV_HTTP_HOST").containsEntry("http.port", "GALDAV_HTTP_PORT")
                .containsEntry("http.tls.key-store", "GALDAV_HTTP_TLS_KEY_STORE")
                .containsEntry("http.tls.key-store-password", "GALDAV_HTTP_TLS_KEY_STORE_PASSWORD")
                .containsEntry("ldap.url", "GALDAV_LDAP_URL").containsEntry("ldap.bind-dn", "GALDAV_LDAP_BIND_DN")
                .containsEntry("ldap.bind-password", "GALDAV_LDAP_BIND_PASSWORD")
                .containsEntry("ldap.bind-password-file", "GALDAV_LDAP_BIND_PASSWORD_FILE")
                .containsEntry("ldap.base-dn", "GALDAV_LDAP_BASE_DN").containsEntry("sync.state-dir", "GALDAV_SYNC_STATE_DIR");
        Settings settings = SettingsLoader.load(ConfigFactory.empty(), Map.of("GALDAV_EXCLUDE_FILTER", "(galdavHidden=TRUE)"));
        assertThat(settings.books().get(0).excludeFilter()).contains(filter("(galdavHidden=TRUE)"));
    }

    @Test
    void valuesAreTypedLikeTheirDefaults() {
        Settings settings = SettingsLoader.load(ConfigFactory.empty(), Map.of("GALDAV_HTTP_PORT", "8443",
                "GALDAV_HTTP_ANONYMOUS_READ", "true", "GALDAV_HTTP_MAX_REQUEST_BYTES", "1M", "GALDAV_CACHE_TTL", "90s",
                "GALDAV_LDAP_URL", "[\"ldap://a:389\", \"ldaps://b\"]", "GALDAV_LDAP_BASE_DN", "dc=x",
                "GALDAV_SYNC_CHANGE_TRACKING", "off", "GALDAV_AUTH_USER_FILTER", "(objectClass=person)"));
        assertThat(settings.http().port()).isEqualTo(8443);
        assertThat(settings.http().anonymousRead()).isTrue();
        assertThat(settings.http().maxRequestBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.cache().ttl()).isEqualTo(Duration.ofSeconds(90));
        DirectorySettings.Ldap ldap = (DirectorySettings.Ldap) settings.directory();
        assertThat(ldap.connection().urls()).containsExactly("ldap://a:389", "ldaps://b");
        assertThat(ldap.baseDn()).isEqualTo("dc=x");
        assertThat(settings.sync().changeTracking()).isEqualTo(ChangeFeeds.Mode.OFF);
        assertThat(settings.auth().userFilter()).isEqualTo(filter("(objectClass=person)"));

        Settings one = SettingsLoader.load(ConfigFactory.empty(), Map.of("GALDAV_LDAP_URL", "ldap://a",
                "GALDAV_LDAP_BASE_DN", "dc=x"));
        assertThat(((DirectorySettings.Ldap) one.directory()).connection().urls()).containsExactly("ldap://a");
    }

    @Test
    void badValuesNameTheVariableOrTheKey() {
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.empty(), Map.of("GALDAV_HTTP_PORT", "abc")))
                .isInstanceOf(ConfigError.class)
                .hasMessage("configuration: env variables: http.port has type STRING rather than NUMBER");
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.empty(), Map.of("GALDAV_LDAP_URL", "[\"ldap://a\"")))
                .isInstanceOf(ConfigError.class).hasMessageContaining("GALDAV_LDAP_URL");
        assertThatThrownBy(() -> SettingsLoader.load(ConfigFactory.empty(), Map.of("GALDAV_LDAP_URL", "ldap://a")))
                .isInstanceOf(ConfigError.class)
                .hasMessage("configuration: key 'ldap.base-dn' is required when 'ldap.url' is set");
    }

    @Test
    void booksAreReplacedWholeByAHoconList() {
        Map<String, String> environment = Map.of("GALDAV_BOOKS", "[{ id = gal, mapping = \"mappings/inetorgperson.conf\","
                + " directory-gateway = true }, { id = team, mapping = \"mappings/inetorgperson.conf\" }]",
                "GALDAV_EXCLUDE_FILTER", "(galdavHidden=TRUE)");
        List<BookSettings> books = SettingsLoader.load(ConfigFactory.empty(), environment).books();
        assertThat(books).extracting(BookSettings::id).containsExactly("gal", "team");
        assertThat(books.get(0).directoryGateway()).isTrue();
        // The alias belongs to the default book: a list of one's own replaces it.
        assertThat(books).allSatisfy(book -> assertThat(book.excludeFilter()).isEmpty());
    }

    @Test
    void theEnvironmentIsWeakerThanTheFileAndSystemProperties() {
        Map<String, String> environment = Map.of("GALDAV_HTTP_REALM", "environment");
        assertThat(SettingsLoader.load(ConfigFactory.empty(), Map.of()).http().realm()).isEqualTo("galdav");
        assertThat(SettingsLoader.load(ConfigFactory.empty(), environment).http().realm()).isEqualTo("environment");
        Config file = ConfigFactory.parseString("http.realm = file");
        assertThat(SettingsLoader.load(file, environment).http().realm()).isEqualTo("file");
        System.setProperty("http.realm", "property");
        ConfigFactory.invalidateCaches();
        try {
            assertThat(SettingsLoader.load(file, environment).http().realm()).isEqualTo("property");
        } finally {
            System.clearProperty("http.realm");
            ConfigFactory.invalidateCaches();
        }
    }

    @Test
    void theFilesSubstitutionsSeeTheGivenEnvironment() {
        Config file = ConfigFactory.parseString("http.realm = ${?REALM}");
        assertThat(SettingsLoader.load(file, Map.of("REALM", "from the environment")).http().realm())
                .isEqualTo("from the environment");
        assertThat(SettingsLoader.load(file, Map.of()).http().realm()).isEqualTo("galdav");
    }

    @Test
    void theReferenceNamesEveryKeyWithItsVariableAndNoOtherVariable() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        VARIABLES.forEach((key, variable) -> assertThat(docs).as(key).contains("`" + key + "`", "`" + variable + "`"));
        Set<String> known = new HashSet<>(VARIABLES.values());
        known.add("GALDAV_EXCLUDE_FILTER");
        Matcher named = Pattern.compile("GALDAV_[A-Z0-9_]*[A-Z0-9]").matcher(docs);
        while (named.find()) {
            assertThat(named.group()).isIn(known);
        }
    }

    private static boolean isDuration(Config config, String path) {
        try {
            config.getDuration(path);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Filter filter(String text) {
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
