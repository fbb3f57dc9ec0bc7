package org.galdav.server;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code galdav serve}: starts the CardDAV server (the default command). */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Starts the CardDAV server; it runs until stopped (SIGTERM: a graceful stop within "
                + "http.shutdown-grace). Without ldap.url it serves an embedded demo directory."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @ParentCommand
    GaldavCommand parent;

    @Spec
    CommandSpec spec;

    private final Consumer<GaldavServer> started;

    ServeCommand(Consumer<GaldavServer> started) {
        this.started = started;
    }

    @Override
    public Integer call() {
        return Serving.start(options.over(parent.options), spec.commandLine().getErr(), started);
    }
}
