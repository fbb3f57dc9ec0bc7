package org.galdav.server;

import java.util.concurrent.Callable;
import org.galdav.core.TimeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code galdav check}: see {@link Check}. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Checks everything that can be checked before phones are pointed at galdav, one line each "
                + "(OK, WARN, FAIL with how to fix it, SKIP): the configuration, each mapping, the TLS files and "
                + "their expiry, each server in ldap.url, the bind, the base DNs, a sample search per book with "
                + "its entry count, and how each book's changes are followed."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = {"-v", "--verbose"}, description = "Also print galdav's log (the directory's own answers).")
    boolean verbose;

    @ParentCommand
    GaldavCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConfigOptions effective = options.over(parent.options);
        try (LogFormat.Quiet quiet = verbose ? () -> { } : LogFormat.quiet()) {
            return new Check(() -> {
                effective.logFormat();
                return effective.settings();
            }, spec.commandLine().getOut(), TimeSource.SYSTEM).run();
        }
    }
}
