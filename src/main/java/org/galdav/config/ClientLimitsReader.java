package org.galdav.config;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.galdav.cache.ThrottleSettings;
import org.galdav.http.ClientAddress;
import org.galdav.http.ConnectionLimits;

/**
 * Reads what a client may cost: the {@code http.connections} section with {@code http.trusted-proxies}
 * ({@link ConnectionLimits}), and {@code auth.throttle} ({@link ThrottleSettings}).
 */
final class ClientLimitsReader {
    private ClientLimitsReader() {
    }

    static ConnectionLimits connections(Config c) {
        return new ConnectionLimits(positive(c, "http.connections.max"), positive(c, "http.connections.max-per-address"),
                positive(c, "http.connections.max-busy-per-address"),
                duration(c, "http.connections.header-timeout", Integer.MAX_VALUE),
                duration(c, "http.connections.body-timeout", Integer.MAX_VALUE),
                duration(c, "http.connections.idle-timeout", Integer.MAX_VALUE), proxies(c));
    }

    static ThrottleSettings throttle(Config c) {
        return new ThrottleSettings(duration(c, "auth.throttle.period", Long.MAX_VALUE),
                positive(c, "auth.throttle.per-login-and-address"), positive(c, "auth.throttle.per-login"),
                positive(c, "auth.throttle.per-address"),
                duration(c, "auth.throttle.wrong-credentials-ttl", Long.MAX_VALUE),
                duration(c, "auth.throttle.known-good-ttl", Long.MAX_VALUE));
    }

    private static Set<InetAddress> proxies(Config c) {
        Set<InetAddress> proxies = new LinkedHashSet<>();
        for (String text : c.getStringList("http.trusted-proxies")) {
            proxies.add(ClientAddress.literal(text).orElseThrow(() -> new ConfigError(
                    "configuration: key 'http.trusted-proxies' must list IP addresses, not '" + text + "'")));
        }
        return proxies;
    }

    private static int positive(Config c, String key) {
        int value = c.getInt(key);
        if (value < 1) {
            throw new ConfigError("configuration: key '" + key + "' must be at least 1");
        }
        return value;
    }

    /** @param maxMillis the longest the consumer can take (XNIO takes int milliseconds: 24 days) */
    private static Duration duration(Config c, String key, long maxMillis) {
        Duration d = c.getDuration(key);
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMillis(maxMillis)) > 0) {
            throw new ConfigError("configuration: key '" + key + "' must be a positive duration"
                    + (maxMillis == Integer.MAX_VALUE ? " below 24 days" : ""));
        }
        return d;
    }
}
