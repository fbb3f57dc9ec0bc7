package org.galdav.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Loads settings from, strongest first: the command line's {@code --set key=value}
 * ({@link CommandLineOverrides}), system properties, the operator's file ({@code --config FILE} or
 * {@code -Dgaldav.config=...}), {@code GALDAV_*} environment variables ({@link EnvironmentOverrides}), and the
 * defaults in {@code conf/application.conf} (also bundled in the jar), which define every key. Fails fast with
 * one message naming the source and the key.
 */
public final class SettingsLoader {
    /** Where the jar keeps its copy of conf/application.conf. */
    static final String DEFAULTS_RESOURCE = "galdav/application.conf";
    /** The formats {@code log.format} may name. */
    private static final Set<String> LOG_FORMATS = Set.of("plain", "json");

    private SettingsLoader() {
    }

    /** The settings of this process: its system properties, its {@code -Dgaldav.config} file, its environment. */
    public static Settings load() {
        return load(Optional.empty(), Map.of());
    }

    /**
     * The settings of this process as its command line names them.
     *
     * @param file the operator's file ({@code --config}); empty: {@code -Dgaldav.config}, if set
     * @param sets {@code --set key=value} pairs, stronger than every other source
     */
    public static Settings load(Optional<Path> file, Map<String, String> sets) {
        return read(merged(operatorFile(file), sets, System.getenv()));
    }

    /**
     * {@code log.format} from the same sources, checked: "plain" (one line of text per event) or "json" (one
     * JSON object per line). Logging is set up before the settings are read, so it is asked for on its own.
     */
    public static String logFormat(Optional<Path> file, Map<String, String> sets) {
        Config config = merged(operatorFile(file), sets, System.getenv());
        try {
            String format = config.getString("log.format").strip().toLowerCase(Locale.ROOT);
            if (!LOG_FORMATS.contains(format)) {
                throw new ConfigError("configuration: log.format must be plain or json, not '"
                        + config.getString("log.format") + "'");
            }
            return format;
        } catch (ConfigException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    /** The operator's file: {@code file}, else the one {@code -Dgaldav.config} names, else none. */
    private static Config operatorFile(Optional<Path> file) {
        String property = System.getProperty("galdav.config");
        if (file.isEmpty() && (property == null || property.isBlank())) {
            return ConfigFactory.empty();
        }
        Path path = file.orElseGet(() -> Path.of(property));
        String source = file.isPresent() ? "--config" : "-Dgaldav.config";
        if (!Files.isReadable(path)) {
            throw new ConfigError("configuration file " + path + " (from " + source + ") cannot be read");
        }
        return parse(() -> ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)),
                path.toString());
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
        return read(merged(overrides, Map.of(), environment));
    }

    private static Settings read(Config config) {
        try {
            return SettingsReader.read(config);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
    }

    /** Every source in its place, resolved: what {@link SettingsReader} reads. */
    static Config merged(Config overrides, Map<String, String> environment) {
        return merged(overrides, Map.of(), environment);
    }

    /** Every source in its place, {@code --set} pairs on top, resolved. */
    static Config merged(Config overrides, Map<String, String> sets, Map<String, String> environment) {
        Config defaults = defaults();
        try {
            return CommandLineOverrides.layer(defaults, sets)
                    .withFallback(ConfigFactory.systemProperties())
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
