package org.galdav.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --set key=value}, on every command: given before the sub-command they
 * hold for it too ({@code galdav --config f check} and {@code galdav check --config f} are the same); given
 * after it, they win.
 */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration file (HOCON; only the keys it changes). Same as -Dgaldav.config=FILE.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"Sets one key, stronger than every other source (repeatable), e.g. --set "
                    + "http.port=8443. A list key (ldap.url, books) takes one value or a HOCON list."})
    Map<String, String> sets = new LinkedHashMap<>();

    /** These options over {@code outer}'s: the file named here, else there; both sets, these winning. */
    ConfigOptions over(ConfigOptions outer) {
        ConfigOptions merged = new ConfigOptions();
        merged.file = file != null ? file : outer.file;
        merged.sets = new LinkedHashMap<>(outer.sets);
        merged.sets.putAll(sets);
        return merged;
    }

    /** @throws org.galdav.config.ConfigError when a source cannot be read or a value is wrong */
    Settings settings() {
        return SettingsLoader.load(Optional.ofNullable(file), sets);
    }

    /** {@code log.format}, checked ("plain" or "json"). */
    String logFormat() {
        return SettingsLoader.logFormat(Optional.ofNullable(file), sets);
    }
}
