package org.galdav.server;

import com.unboundid.ldap.sdk.LDAPException;
import java.util.concurrent.Callable;
import org.galdav.core.TimeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code galdav preview <dn|login>}: see {@link Preview}. */
@Command(name = "preview", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Shows whether an entry is published in each book, and the vCards (3.0 and 4.0) it "
                + "becomes, exactly as the server renders them. Exit code 1 when no entry is found."})
final class PreviewCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<dn|login>", description = "The entry's DN, or a login (found with auth.login-filter).")
    String who;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = {"-v", "--verbose"}, description = "Also print galdav's log.")
    boolean verbose;

    @ParentCommand
    GaldavCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws LDAPException {
        ConfigOptions effective = options.over(parent.options);
        effective.logFormat();
        try (LogFormat.Quiet quiet = verbose ? () -> { } : LogFormat.quiet()) {
            return new Preview(effective.settings(), spec.commandLine().getOut(), TimeSource.SYSTEM).preview(who);
        }
    }
}
