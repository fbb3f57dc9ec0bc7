package org.galdav.server;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code galdav completion}: prints the bash completion script of the whole command line (picocli's
 * generator), for packages to install as {@code /usr/share/bash-completion/completions/galdav}. Hidden
 * from the help: it is for packagers.
 */
@Command(name = "completion", hidden = true, mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints the bash completion script for galdav.")
final class CompletionCommand implements Callable<Integer> {
    /** Accepted like on every command; the script does not depend on them. */
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("galdav", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
