package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.galdav.cache.CacheSettings;
import org.galdav.directory.LdapSettings;
import org.galdav.http.HttpSettings;

/**
 * Loads settings: system properties, then the operator's file ({@code -Dgaldav.config=...}), then the
 * defaults in {@code conf/application.conf} (also bundled in the jar). Fails fast with one message
 * naming the source and the key.
 */
public final class SettingsLoader {
    /** Where the jar keeps its copy of conf/application.conf. */
    static final String DEFAULTS_RESOURCE = "galdav/application.conf";

    private SettingsLoader() {
    }

    public static Settings load() {
        String userFile = System.getProperty("galdav.config");
        Config user = ConfigFactory.empty();
        if (userFile != null && !userFile.isBlank()) {
            Path path = Path.of(userFile);
            if (!Files.isReadable(path)) {
                throw new ConfigError("configuration file " + userFile + " (from -Dgaldav.config) cannot be read");
            }
            user = parse(() -> ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)),
                    userFile);
        }
        return load(user);
    }

    /** Loads with an explicit overlay on top of the defaults (system properties still win). */
    public static Settings load(Config overrides) {
        Config defaults = parse(() -> ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(),
                DEFAULTS_RESOURCE, ConfigParseOptions.defaults().setAllowMissing(false)), DEFAULTS_RESOURCE);
        Config config;
        try {
            config = ConfigFactory.systemProperties().withFallback(overrides).withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
        try {
            return build(config);
        } catch (ConfigException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    private static Config parse(java.util.function.Supplier<Config> parser, String source) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw new ConfigError("configuration file " + source + ": " + e.getMessage(), e);
        }
    }

    private static Settings build(Config c) {
        HttpSettings http = new HttpSettings(c.getString("http.host"), c.getInt("http.port"),
                c.getBytes("http.max-request-bytes"), c.getBoolean("http.anonymous-read"), c.getString("http.realm"),
                c.getInt("search.max-results"),
                c.hasPath("http.tls.key-store") ? Optional.of(Path.of(c.getString("http.tls.key-store"))) : Optional.empty(),
                c.hasPath("http.tls.key-store-password") ? c.getString("http.tls.key-store-password") : "");
        Optional<List<String>> urls = urls(c);
        String baseDn = c.hasPath("ldap.base-dn") ? c.getString("ldap.base-dn").trim() : "";
        if (urls.isPresent() && baseDn.isEmpty()) {
            throw new ConfigError("configuration: key 'ldap.base-dn' is required when 'ldap.url' is set");
        }
        LdapSettings ldap = ldapSettings(c, urls.orElse(List.of("ldap://127.0.0.1:389")));
        String loginFilter = c.getString("auth.login-filter");
        if (!loginFilter.contains("{0}")) {
            throw new ConfigError("configuration: key 'auth.login-filter' must contain {0} (the login): " + loginFilter);
        }
        try {
            com.unboundid.ldap.sdk.Filter.create(loginFilter.replace("{0}", "x"));
            com.unboundid.ldap.sdk.Filter.create(c.getString("auth.user-filter"));
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new ConfigError("configuration: key 'auth.login-filter' or 'auth.user-filter' is not a valid LDAP "
                    + "filter: " + e.getDiagnosticMessage());
        }
        CacheSettings cache = new CacheSettings(duration(c, "cache.ttl"), c.getBytes("cache.max-card-bytes"),
                c.getInt("cache.max-listing-cards"), duration(c, "cache.auth-ttl"), c.getInt("cache.max-logins"));
        return new Settings(http, c.getString("http.server-name"), urls.map(u -> ldap), baseDn,
                c.getString("auth.user-base-dn").trim(), c.getString("auth.login-filter"),
                c.getString("auth.login-attribute").trim(), c.getString("auth.user-filter"), books(c), cache,
                c.getInt("demo.people"), c.getLong("demo.seed"), ldap, c.getBoolean("cache.warm-up"),
                Path.of(c.getString("sync.state-dir")), duration(c, "sync.horizon"), changeTracking(c),
                nonNegativeDuration(c, "sync.poll-interval"));
    }

    private static org.galdav.directory.ChangeFeeds.Mode changeTracking(Config c) {
        String text = c.getString("sync.change-tracking");
        try {
            return org.galdav.directory.ChangeFeeds.Mode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("configuration: key 'sync.change-tracking' must be auto, syncrepl, changelog, usn or off, "
                    + "not '" + text + "'");
        }
    }

    private static Optional<List<String>> urls(Config c) {
        if (!c.hasPath("ldap.url")) {
            return Optional.empty();
        }
        List<String> urls = c.getValue("ldap.url").valueType() == ConfigValueType.LIST
                ? c.getStringList("ldap.url") : List.of(c.getString("ldap.url"));
        List<String> cleaned = urls.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        for (String url : cleaned) {
            if (!url.startsWith("ldap://") && !url.startsWith("ldaps://")) {
                throw new ConfigError("configuration: key 'ldap.url' must start with ldap:// or ldaps://: " + url);
            }
        }
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }

    private static LdapSettings ldapSettings(Config c, List<String> urls) {
        String password = c.getString("ldap.bind-password");
        if (c.hasPath("ldap.bind-password-file") && !c.getString("ldap.bind-password-file").isBlank()) {
            Path file = Path.of(c.getString("ldap.bind-password-file"));
            try {
                password = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigError("configuration: key 'ldap.bind-password-file': cannot read " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        Optional<Path> trustStore = c.hasPath("ldap.trust-store") ? Optional.of(Path.of(c.getString("ldap.trust-store")))
                : Optional.empty();
        Optional<String> trustPassword = c.hasPath("ldap.trust-store-password")
                ? Optional.of(c.getString("ldap.trust-store-password")) : Optional.empty();
        return new LdapSettings(urls, c.getString("ldap.bind-dn").trim(), password, c.getBoolean("ldap.start-tls"),
                trustStore, trustPassword, c.getInt("ldap.pool-size"), c.getInt("ldap.page-size"),
                duration(c, "ldap.connect-timeout"), duration(c, "ldap.operation-timeout"),
                duration(c, "ldap.max-connection-age"));
    }

    private static List<BookSettings> books(Config c) {
        List<BookSettings> books = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<? extends Config> entries = c.getConfigList("books");
        if (entries.isEmpty()) {
            throw new ConfigError("configuration: key 'books' must list at least one address book");
        }
        for (int i = 0; i < entries.size(); i++) {
            Config b = entries.get(i);
            String key = "books[" + i + "]";
            for (String required : List.of("id", "mapping")) {
                if (!b.hasPath(required)) {
                    throw new ConfigError("configuration: key '" + key + "." + required + "' is missing");
                }
            }
            String id = b.getString("id");
            if (!ids.add(id)) {
                throw new ConfigError("configuration: key '" + key + ".id': duplicate address book id " + id);
            }
            books.add(new BookSettings(id, b.hasPath("display-name") ? b.getString("display-name") : id,
                    b.hasPath("description") ? b.getString("description") : "",
                    b.hasPath("base-dn") ? b.getString("base-dn").trim() : "", b.getString("mapping"),
                    b.hasPath("directory-gateway") && b.getBoolean("directory-gateway"),
                    excludeFilter(b, key), allowedGroups(b, key), b.hasPath("bind-as-user") && b.getBoolean("bind-as-user")));
        }
        return books;
    }

    private static List<String> allowedGroups(Config book, String key) {
        if (!book.hasPath("allowed-groups")) {
            return List.of();
        }
        List<String> groups = book.getStringList("allowed-groups");
        for (String group : groups) {
            try {
                new com.unboundid.ldap.sdk.DN(group);
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                throw new ConfigError("configuration: key '" + key + ".allowed-groups' has a value that is not a DN: " + group);
            }
        }
        return groups;
    }

    private static String excludeFilter(Config book, String key) {
        String text = book.hasPath("exclude-filter") ? book.getString("exclude-filter").trim() : "";
        if (!text.isEmpty()) {
            try {
                com.unboundid.ldap.sdk.Filter.create(text);
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                throw new ConfigError("configuration: key '" + key + ".exclude-filter' is not a valid LDAP filter ("
                        + e.getDiagnosticMessage() + "): " + text);
            }
        }
        return text;
    }

    private static Duration nonNegativeDuration(Config c, String key) {
        Duration d = c.getDuration(key);
        if (d.isNegative()) {
            throw new ConfigError("configuration: key '" + key + "' must not be negative");
        }
        return d;
    }

    private static Duration duration(Config c, String key) {
        Duration d = c.getDuration(key);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigError("configuration: key '" + key + "' must be a positive duration");
        }
        return d;
    }
}
