package org.galdav.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.galdav.cache.CacheSettings;
import org.galdav.directory.ChangeFeeds;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.LdapTimeouts;
import org.galdav.directory.LoginFilter;
import org.galdav.http.HttpSettings;
import org.galdav.http.RequestLimits;
import org.galdav.http.TlsSettings;
import org.junit.jupiter.api.Test;

/** Each section of the configuration becomes one group; every LDAP filter in it is parsed when loading. */
class SettingsGroupsTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();
    private static final LdapTimeouts DEFAULT_TIMEOUTS = new LdapTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500),
            Duration.ofSeconds(1));

    @Test
    void theDefaultsFillEveryGroup() throws LDAPException {
        Settings settings = load("");
        assertThat(settings.http()).isEqualTo(new HttpSettings("127.0.0.1", 8080, 10_485_760, false, "galdav", "galdav",
                1000, TlsSettings.OFF, Optional.empty()));
        assertThat(settings.limits()).isEqualTo(new RequestLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 16_384,
                100, 100_000, 256, 32, 32));
        assertThat(settings.directory()).isEqualTo(new DirectorySettings.Demo(new DemoSettings(1200, 42),
                new LdapTuning(8, 500, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30),
                        DEFAULT_TIMEOUTS)));
        assertThat(settings.auth()).isEqualTo(new AuthSettings("", LoginFilter.parse("(uid={0})"), "uid",
                Filter.create("(objectClass=inetOrgPerson)")));
        assertThat(settings.books()).containsExactly(new BookSettings("directory", "Company directory",
                "People and groups from the company directory (read-only)", "", "mappings/inetorgperson.conf", false,
                Optional.empty(), List.of(), false), new BookSettings("search", "Company directory (search)",
                "Search the whole company directory (search only: not listed or synced)", "",
                "mappings/inetorgperson.conf", true, Optional.empty(), List.of(), false));
        assertThat(settings.cache()).isEqualTo(new CacheSettings(Duration.ofMinutes(5), Runtime.getRuntime().maxMemory() / 8, 200_000,
                Duration.ofMinutes(5), 10_000, true));
        assertThat(settings.sync()).isEqualTo(new SyncSettings(Path.of("state"), Duration.ofDays(60),
                ChangeFeeds.Mode.AUTO, Duration.ofSeconds(15)));
    }

    @Test
    void aConfiguredDirectoryIsReachedWithTheTuning() {
        Settings settings = load("ldap { url = \"ldaps://ldap.example.com\", base-dn = \"dc=example,dc=com\", "
                + "bind-dn = \" cn=galdav \", bind-password = pw, start-tls = true, pool-size = 3, page-size = 100, "
                + "trust-store = ca.p12, trust-store-password = changeit }\nhttp.server-name = Directory");
        assertThat(settings.directory()).isEqualTo(new DirectorySettings.Ldap(new LdapSettings(
                List.of("ldaps://ldap.example.com"), "cn=galdav", "pw", true, Optional.of(Path.of("ca.p12")),
                Optional.of("changeit"), 3, 100, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30),
                DEFAULT_TIMEOUTS),
                "dc=example,dc=com"));
        assertThat(settings.http().serverName()).isEqualTo("Directory");
    }

    @Test
    void theDemoDirectoryIsReachedWithTheTuningToo() {
        DirectorySettings.Demo demo = (DirectorySettings.Demo) load("ldap.pool-size = 2\ndemo.people = 50").directory();
        assertThat(demo.demo().people()).isEqualTo(50);
        assertThat(demo.connection("ldap://127.0.0.1:1389", "cn=service", "secret")).isEqualTo(new LdapSettings(
                List.of("ldap://127.0.0.1:1389"), "cn=service", "secret", false, Optional.empty(), Optional.empty(), 2,
                500, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30), DEFAULT_TIMEOUTS));
    }

    @Test
    void filtersArriveParsed() throws LDAPException {
        Settings settings = load("auth { login-filter = \"(|(uid={0})(mail={0}))\", user-filter = \"(objectClass=person)\", "
                + "user-base-dn = \"ou=People,dc=x\" }\n"
                + "books = [{ id = a, mapping = m, exclude-filter = \" (galdavHidden=TRUE) \", base-dn = \"ou=A,dc=x\" }]");
        assertThat(settings.auth().loginFilter().forLogin("a*b")).isEqualTo(Filter.create("(|(uid=a\\2ab)(mail=a\\2ab))"));
        assertThat(settings.auth().userFilter()).isEqualTo(Filter.create("(objectClass=person)"));
        assertThat(settings.books().get(0).excludeFilter()).contains(Filter.create("(galdavHidden=TRUE)"));
    }

    @Test
    void brokenFiltersStopTheLoadNamingTheirKey() {
        assertThatThrownBy(() -> load("auth.login-filter = \"(uid=x)\"")).isInstanceOf(ConfigError.class)
                .hasMessage("configuration: key 'auth.login-filter' must contain {0} (the login): (uid=x)");
        assertThatThrownBy(() -> load("auth.login-filter = \"(uid={0}\"")).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("configuration: key 'auth.login-filter' or 'auth.user-filter' is not a valid LDAP");
        assertThatThrownBy(() -> load("auth.user-filter = \"objectClass=person)\"")).isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("configuration: key 'auth.login-filter' or 'auth.user-filter' is not a valid LDAP");
        assertThatThrownBy(() -> load("books = [{ id = a, mapping = m, exclude-filter = \"(x\" }]"))
                .isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("configuration: key 'books[0].exclude-filter' is not a valid LDAP filter (")
                .hasMessageEndingWith("): (x");
    }

    @Test
    void emptyBaseDnsMeanTheDirectorysOwn() {
        Settings settings = load("books = [{ id = a, mapping = m }, { id = b, mapping = m, base-dn = \"ou=B,dc=x\" }]");
        assertThat(settings.books().get(0).base("dc=x")).isEqualTo("dc=x");
        assertThat(settings.books().get(1).base("dc=x")).isEqualTo("ou=B,dc=x");
        assertThat(settings.auth().userBase("dc=x")).isEqualTo("dc=x");
        assertThat(load("auth.user-base-dn = \" ou=People,dc=x \"").auth().userBase("dc=x")).isEqualTo("ou=People,dc=x");
    }

    @Test
    void theGroupsRefuseWhatTheLoaderWouldNotBuild() {
        Settings settings = load("");
        assertThatThrownBy(() -> new Settings(settings.http(), settings.limits(), settings.directory(), settings.auth(),
                List.of(), settings.cache(), settings.sync(), settings.connections(), settings.throttle()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(settings.http(), settings.limits(), settings.directory(), settings.auth(),
                List.of(settings.books().get(0), settings.books().get(0)), settings.cache(), settings.sync(),
                settings.connections(), settings.throttle()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLimits(Duration.ZERO, Duration.ZERO, 16_384, 100, 1, 1, 1, 1))
                .as("a request needs some time").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLimits(Duration.ofSeconds(1), Duration.ZERO, 16_384, 100, 1, 0, 1, 1))
                .as("a filter needs some text").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> load("http.request-timeout = 0s")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("http.request-timeout");
        LdapSettings connection = ((DirectorySettings.Demo) settings.directory()).connection("ldap://x", "", "");
        assertThatThrownBy(() -> new DirectorySettings.Ldap(connection, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LdapTuning(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                DEFAULT_TIMEOUTS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncSettings(Path.of("s"), Duration.ofDays(1), ChangeFeeds.Mode.AUTO,
                Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Settings load(String hocon) {
        return SettingsLoader.load(ConfigFactory.parseString(hocon), NO_ENVIRONMENT);
    }
}
