package org.galdav.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code galdav version}: name and version, then the Java runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints galdav's name and version, and the Java runtime's.")
final class VersionCommand implements Callable<Integer> {
    /** Accepted like on every command; the version does not depend on them. */
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new Version().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
