package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads settings from, strongest first: system properties, the operator's file ({@code -Dgaldav.config=...}),
 * {@code GALDAV_*} environment variables ({@link EnvironmentOverrides}), and the defaults in
 * {@code conf/application.conf} (also bundled in the jar), which define every key. Fails fast with one
 * message naming the source and the key.
 */
public final class SettingsLoader {
    /** Where the jar keeps its copy of conf/application.conf. */
    static final String DEFAULTS_RESOURCE = "galdav/application.conf";

    private SettingsLoader() {
    }

    /** The settings of this process: its system properties, its {@code -Dgaldav.config} file, its environment. */
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

    /**
     * Loads with {@code overrides} in place of the operator's file; system properties and the process's
     * environment still apply.
     */
    public static Settings load(Config overrides) {
        return load(overrides, System.getenv());
    }

    /**
     * Loads with {@code overrides} in place of the operator's file and {@code environment} in place of the
     * process's; it also serves the file's substitutions such as {@code ${?HOME}}.
     */
    static Settings load(Config overrides, Map<String, String> environment) {
        Config config = merged(overrides, environment);
        try {
            return SettingsReader.read(config);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    /** Every source in its place, resolved: what {@link SettingsReader} reads. */
    static Config merged(Config overrides, Map<String, String> environment) {
        Config defaults = defaults();
        try {
            return ConfigFactory.systemProperties()
                    .withFallback(overrides)
                    .withFallback(EnvironmentOverrides.layer(defaults, environment))
                    .withFallback(defaults)
                    .withFallback(EnvironmentOverrides.substitutions(environment))
                    .resolve(ConfigResolveOptions.noSystem());
        } catch (ConfigException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    /** The bundled defaults, unresolved: every key, each with its default. */
    static Config defaults() {
        return parse(() -> ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false)), DEFAULTS_RESOURCE);
    }

    private static Config parse(Supplier<Config> parser, String source) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw new ConfigError("configuration file " + source + ": " + e.getMessage(), e);
        }
    }
}
