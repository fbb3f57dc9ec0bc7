package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

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
            return SettingsReader.read(config);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    private static Config parse(Supplier<Config> parser, String source) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            throw new ConfigError("configuration file " + source + ": " + e.getMessage(), e);
        }
    }
}
