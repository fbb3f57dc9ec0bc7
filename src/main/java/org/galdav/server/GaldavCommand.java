package org.galdav.server;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code galdav}: without a sub-command it serves, as {@code java -jar galdav.jar} always has. */
@Command(name = "galdav", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Read-only CardDAV server publishing an LDAP directory as address books.",
                "Without a command: serve (without ldap.url, on an embedded demo directory)."},
        footer = {"", "Every setting: conf/application.conf and docs/configuration.md. Settings, strongest first: "
                + "--set, -Dkey=value (java options), the --config file (or -Dgaldav.config), GALDAV_* environment "
                + "variables, the defaults."})
final class GaldavCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Spec
    CommandSpec spec;

    private final Consumer<GaldavServer> started;

    GaldavCommand(Consumer<GaldavServer> started) {
        this.started = started;
    }

    @Override
    public Integer call() {
        return Serving.start(options, spec.commandLine().getErr(), started);
    }
}
