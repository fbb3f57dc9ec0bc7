package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Environment variables as configuration. Every key the defaults define has a variable, named by one
 * rule so that a new key gets one without further code: {@code GALDAV_}, then the key's path in upper
 * case with '.' and '-' as '_' ({@code http.tls.key-store} → {@code GALDAV_HTTP_TLS_KEY_STORE}). A value is
 * read as its key's default is typed: a list ({@code books}, {@code ldap.url}) from HOCON list syntax
 * ({@code ["ldap://a", "ldap://b"]}), or one value as a list of one; anything else as text, which the
 * typed getters convert as they convert text from any file (numbers, booleans, durations, sizes).
 */
final class EnvironmentOverrides {
    /** The origin Typesafe Config gives environment values; messages about them read as they always have. */
    static final String ORIGIN = "env variables";
    private static final String PREFIX = "GALDAV_";

    private EnvironmentOverrides() {
    }

    /** The variable that overrides the key at {@code path}. */
    static String variable(String path) {
        return PREFIX + String.join("_", ConfigUtil.splitPath(path)).toUpperCase(Locale.ROOT).replace('-', '_')
                .replace('.', '_');
    }

    /**
     * Each key of {@code defaults} (a list counts as one key) and its variable, sorted by key.
     *
     * @throws IllegalStateException when two keys would share a variable: defaults that must not ship
     */
    static SortedMap<String, String> variables(Config defaults) {
        return variables(keys(defaults));
    }

    /** The layer of the variables set in {@code environment}, each typed like its key in {@code defaults}. */
    static Config layer(Config defaults, Map<String, String> environment) {
        SortedMap<String, ConfigValue> keys = keys(defaults);
        Config layer = ConfigFactory.empty(ORIGIN);
        for (Map.Entry<String, String> key : variables(keys).entrySet()) {
            String text = environment.get(key.getValue());
            if (text != null) {
                layer = layer.withValue(key.getKey(), typed(key.getValue(), text, keys.get(key.getKey()), ORIGIN));
            }
        }
        return layer;
    }

    /**
     * The whole environment, for HOCON substitutions such as {@code ${?HOME}} in the operator's file and the
     * {@code GALDAV_EXCLUDE_FILTER} alias in the defaults; read as Typesafe Config reads the process's own.
     */
    static Config substitutions(Map<String, String> environment) {
        Properties properties = new Properties();
        properties.putAll(environment);
        return ConfigFactory.parseProperties(properties, ConfigParseOptions.defaults().setOriginDescription(ORIGIN));
    }

    private static SortedMap<String, String> variables(SortedMap<String, ConfigValue> keys) {
        SortedMap<String, String> variables = new TreeMap<>();
        Map<String, String> keyOfVariable = new HashMap<>();
        for (String path : keys.keySet()) {
            String variable = variable(path);
            String other = keyOfVariable.putIfAbsent(variable, path);
            if (other != null) {
                throw new IllegalStateException("keys '" + other + "' and '" + path + "' would share " + variable);
            }
            variables.put(path, variable);
        }
        return variables;
    }

    /**
     * The keys of {@code defaults} with their default values; a key set to null is unset but defined. The
     * defaults are resolved without environment first: a key set only by a substitution is no key of theirs.
     */
    static SortedMap<String, ConfigValue> keys(Config defaults) {
        return keys(defaults.resolve(ConfigResolveOptions.noSystem()).root(), List.of(), new TreeMap<>());
    }

    private static SortedMap<String, ConfigValue> keys(ConfigObject object, List<String> prefix,
                                                       SortedMap<String, ConfigValue> found) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            if (entry.getValue() instanceof ConfigObject child) {
                keys(child, path, found);
            } else {
                found.put(ConfigUtil.joinPath(path), entry.getValue());
            }
        }
        return found;
    }

    /**
     * Text typed like the key's default: a list from HOCON list syntax, or one value as a list of one; anything
     * else as text. Also for {@code --set key=value} on the command line.
     *
     * @param source names where the text came from in messages (the variable, or "--set key")
     * @param origin what the value's origin says in later messages about it
     */
    static ConfigValue typed(String source, String text, ConfigValue fallback, String origin) {
        if (fallback.valueType() != ConfigValueType.LIST) {
            return ConfigValueFactory.fromAnyRef(text, origin);
        }
        if (!text.strip().startsWith("[")) {
            return ConfigValueFactory.fromIterable(List.of(text), origin);
        }
        try {
            return ConfigFactory.parseString("value = " + text,
                            ConfigParseOptions.defaults().setOriginDescription(origin + " (" + source + ")"))
                    .resolve(ConfigResolveOptions.noSystem()).getList("value");
        } catch (ConfigException e) {
            String what = source.startsWith(PREFIX) ? "environment variable " + source : source;
            throw new ConfigError("configuration: " + what + " must hold a HOCON list such as "
                    + "[\"a\", \"b\"]: " + e.getMessage(), e);
        }
    }
}
