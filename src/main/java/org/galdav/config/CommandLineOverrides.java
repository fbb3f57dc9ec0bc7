package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code galdav --set key=value}: the strongest source, above system properties. Each value is typed like
 * its key's default, as an environment variable's is ({@link EnvironmentOverrides#typed}): a list key
 * takes HOCON list syntax or one value. A key the defaults do not define is refused, so a typo cannot be
 * silently ignored.
 */
final class CommandLineOverrides {
    /** The origin of the values, as messages about them name it. */
    static final String ORIGIN = "--set";

    private CommandLineOverrides() {
    }

    /** The layer of {@code sets} (key to text), each typed like its key in {@code defaults}. */
    static Config layer(Config defaults, Map<String, String> sets) {
        if (sets.isEmpty()) {
            return ConfigFactory.empty(ORIGIN);
        }
        SortedMap<String, ConfigValue> keys = EnvironmentOverrides.keys(defaults);
        Config layer = ConfigFactory.empty(ORIGIN);
        for (Map.Entry<String, String> set : sets.entrySet()) {
            String key = set.getKey().strip();
            ConfigValue fallback = keys.get(key);
            if (fallback == null) {
                throw new ConfigError("configuration: --set " + key + ": no such key (conf/application.conf and "
                        + "docs/configuration.md list every key)");
            }
            layer = layer.withValue(key, EnvironmentOverrides.typed(ORIGIN + " " + key, set.getValue(), fallback,
                    ORIGIN));
        }
        return layer;
    }
}
