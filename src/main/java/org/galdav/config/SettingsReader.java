package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.net.URI;
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
import org.galdav.directory.ChangeFeeds;
import org.galdav.directory.LdapTimeouts;
import org.galdav.directory.LoginFilter;
import org.galdav.http.HttpSettings;
import org.galdav.http.RequestLimits;

/**
 * Reads the merged, resolved configuration into {@link Settings}, one group per section. Every LDAP filter
 * and DN is parsed here, once, so that a broken one stops the start with a message naming its key, and no
 * consumer parses configuration text again.
 */
final class SettingsReader {
    private SettingsReader() {
    }

    /**
     * @throws ConfigError for a value that is wrong in a way Typesafe Config does not see
     * @throws ConfigException for a missing key or a wrong type
     * @throws IllegalArgumentException when a settings record refuses its values
     */
    static Settings read(Config c) {
        return read(c, Runtime.getRuntime().maxMemory());
    }

    /** @param maxHeap the heap the server may use, which the cache budgets follow */
    static Settings read(Config c, long maxHeap) {
        Optional<URI> publicUrl = PublicUrlReader.publicUrl(c);
        HttpSettings http = new HttpSettings(c.getString("http.host"), c.getInt("http.port"),
                c.getBytes("http.max-request-bytes"), c.getBoolean("http.anonymous-read"), c.getString("http.realm"),
                c.getString("http.server-name"), c.getInt("search.max-results"),
                TlsSettingsReader.read(c, c.getInt("http.port"), publicUrl), publicUrl);
        RequestLimits limits = new RequestLimits(duration(c, "http.request-timeout"),
                nonNegativeDuration(c, "http.shutdown-grace"), bytes(c, "http.max-header-bytes"), c.getInt("http.max-headers"),
                c.getInt("http.max-multiget-hrefs"), c.getInt("search.max-text-length"), c.getInt("search.max-prop-filters"),
                c.getInt("search.max-text-matches"));
        DirectorySettings directory = directory(c);
        AuthSettings auth = auth(c);
        CacheSettings cache = new CacheSettings(duration(c, "cache.ttl"), CacheBudget.cardBytes(c, maxHeap),
                c.getInt("cache.max-listing-cards"), duration(c, "cache.auth-ttl"), c.getInt("cache.max-logins"),
                c.getBoolean("cache.warm-up"));
        List<BookSettings> books = directory instanceof DirectorySettings.Demo && c.getBoolean("demo.gateway-book")
                ? DemoGateway.withGateway(books(c)) : books(c);
        SyncSettings sync = new SyncSettings(Path.of(c.getString("sync.state-dir")), duration(c, "sync.horizon"),
                changeTracking(c), nonNegativeDuration(c, "sync.poll-interval"));
        return new Settings(http, limits, directory, auth, books, cache, sync, ClientLimitsReader.connections(c),
                ClientLimitsReader.throttle(c));
    }

    /** Every key is read whichever directory is chosen, so a broken one fails alike with or without ldap.url. */
    private static DirectorySettings directory(Config c) {
        Optional<List<String>> urls = urls(c);
        String baseDn = c.hasPath("ldap.base-dn") ? c.getString("ldap.base-dn").trim() : "";
        if (urls.isPresent() && baseDn.isEmpty()) {
            throw new ConfigError("configuration: key 'ldap.base-dn' is required when 'ldap.url' is set");
        }
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
        Optional<Path> trustStore = optionalPath(c, "ldap.trust-store");
        Optional<String> trustPassword = c.hasPath("ldap.trust-store-password")
                ? Optional.of(c.getString("ldap.trust-store-password")) : Optional.empty();
        String bindDn = c.getString("ldap.bind-dn").trim();
        boolean startTls = c.getBoolean("ldap.start-tls");
        LdapTuning tuning = new LdapTuning(c.getInt("ldap.pool-size"), c.getInt("ldap.page-size"),
                duration(c, "ldap.connect-timeout"), duration(c, "ldap.operation-timeout"),
                duration(c, "ldap.max-connection-age"), new LdapTimeouts(duration(c, "ldap.request-timeout"),
                duration(c, "ldap.probe-interval"), duration(c, "ldap.probe-timeout")));
        DemoSettings demo = new DemoSettings(c.getInt("demo.people"), c.getLong("demo.seed"));
        if (urls.isEmpty()) {
            return new DirectorySettings.Demo(demo, tuning);
        }
        return new DirectorySettings.Ldap(tuning.connection(urls.get(), bindDn, password, startTls, trustStore,
                trustPassword), baseDn);
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

    private static AuthSettings auth(Config c) {
        String loginText = c.getString("auth.login-filter");
        if (!loginText.contains("{0}")) {
            throw new ConfigError("configuration: key 'auth.login-filter' must contain {0} (the login): " + loginText);
        }
        LoginFilter loginFilter;
        Filter userFilter;
        try {
            loginFilter = LoginFilter.parse(loginText);
            userFilter = Filter.create(c.getString("auth.user-filter"));
        } catch (LDAPException e) {
            throw new ConfigError("configuration: key 'auth.login-filter' or 'auth.user-filter' is not a valid LDAP "
                    + "filter: " + e.getDiagnosticMessage());
        }
        return new AuthSettings(c.getString("auth.user-base-dn").trim(), loginFilter,
                c.getString("auth.login-attribute").trim(), userFilter);
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
                new DN(group);
            } catch (LDAPException e) {
                throw new ConfigError("configuration: key '" + key + ".allowed-groups' has a value that is not a DN: " + group);
            }
        }
        return groups;
    }

    private static Optional<Filter> excludeFilter(Config book, String key) {
        String text = book.hasPath("exclude-filter") ? book.getString("exclude-filter").trim() : "";
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Filter.create(text));
        } catch (LDAPException e) {
            throw new ConfigError("configuration: key '" + key + ".exclude-filter' is not a valid LDAP filter ("
                    + e.getDiagnosticMessage() + "): " + text);
        }
    }

    private static ChangeFeeds.Mode changeTracking(Config c) {
        String text = c.getString("sync.change-tracking");
        try {
            return ChangeFeeds.Mode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("configuration: key 'sync.change-tracking' must be auto, syncrepl, changelog, usn or off, "
                    + "not '" + text + "'");
        }
    }

    private static int bytes(Config c, String key) {
        long bytes = c.getBytes(key);
        if (bytes > Integer.MAX_VALUE) {
            throw new ConfigError("configuration: key '" + key + "' must be below 2 GiB");
        }
        return (int) bytes;
    }

    private static Optional<Path> optionalPath(Config c, String key) {
        return c.hasPath(key) ? Optional.of(Path.of(c.getString(key))) : Optional.empty();
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
