package org.galdav.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import org.galdav.core.TimeSource;
import org.galdav.directory.SearchObserver;
import org.galdav.server.GaldavServer;

/**
 * Starts real servers for tests: the same composition root as production, on an ephemeral port,
 * over real LDAP. The shared demo server is started once per test JVM.
 */
public final class TestServers {
    public static final int DEMO_PEOPLE = 300;
    private static GaldavServer shared;
    private static final List<Filter> SHARED_FILTERS = new CopyOnWriteArrayList<>();
    private static final List<Search> SHARED_SEARCHES = new CopyOnWriteArrayList<>();

    /** One LDAP search the server sent, with the number of entries the directory returned. */
    public record Search(Filter filter, long entries, long nanos) {
    }

    private TestServers() {
    }

    /** The shared server on a 300-person demo directory. Do not modify its directory. */
    public static synchronized GaldavServer demo() {
        if (shared == null) {
            shared = start(Map.of("demo.people", DEMO_PEOPLE), SHARED_FILTERS, SHARED_SEARCHES, TimeSource.SYSTEM);
        }
        return shared;
    }

    /** Every LDAP search the shared server has sent so far. */
    public static List<Search> sharedSearches() {
        return SHARED_SEARCHES;
    }

    /** Every LDAP filter the shared server has sent so far. */
    public static List<Filter> sharedFilters() {
        return SHARED_FILTERS;
    }

    public static DavClient demoClient() {
        return new DavClient(demo().url(), "demo", "demo");
    }

    /** Settings that point a server at a directory (mutable, so tests can add to them). */
    public static Map<String, Object> pointingAt(String url, String bindDn, String password, String baseDn) {
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put("ldap.url", url);
        settings.put("ldap.bind-dn", bindDn);
        settings.put("ldap.bind-password", password);
        settings.put("ldap.base-dn", baseDn);
        return settings;
    }

    /** A private server; the caller closes it. */
    public static GaldavServer start(Map<String, ?> settings, List<Filter> filters, TimeSource time) {
        return start(settings, filters, new CopyOnWriteArrayList<>(), time);
    }

    /** A private server that records its searches; the caller closes it. */
    public static GaldavServer start(Map<String, ?> settings, List<Filter> filters, List<Search> searches,
                                     TimeSource time) {
        return start(settings, (filter, entries, pages, nanos) -> {
            filters.add(filter);
            searches.add(new Search(filter, entries, nanos));
        }, time);
    }

    /** A private server whose searches {@code observer} sees; the caller closes it. */
    public static GaldavServer start(Map<String, ?> settings, SearchObserver observer, TimeSource time) {
        System.setProperty("java.awt.headless", "true");
        Map<String, Object> withState = new java.util.HashMap<>(settings);
        if (!withState.containsKey("sync.state-dir")) {
            try {
                withState.put("sync.state-dir", java.nio.file.Files.createTempDirectory("galdav-sync-").toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        settings = withState;
        Config overrides = ConfigFactory.parseMap(Map.of("http.port", 0)).withFallback(ConfigFactory.parseMap(settings));
        Settings loaded = SettingsLoader.load(ConfigFactory.parseMap(settings).withFallback(overrides));
        try {
            return GaldavServer.start(loaded, observer, time);
        } catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
    }
}
