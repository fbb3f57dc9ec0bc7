package org.galdav.server;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.galdav.config.ConfigError;
import org.galdav.mapping.MappingException;
import picocli.CommandLine;

/**
 * The command line: {@code galdav [serve|check|preview|version]}, with {@code --config}, {@code --set} and
 * {@code --help} on every command (picocli). Exit codes, the same for every command and listed in each one's
 * help: {@link #OK}, {@link #FAILED}, {@link #CONFIGURATION}.
 */
final class Cli {
    /** Exit code: the command did what it was asked. */
    static final int OK = 0;
    /** Exit code: a runtime failure, e.g. check found a directory it cannot reach, or the port is taken. */
    static final int FAILED = 1;
    /** Exit code: the configuration (a setting, a mapping) is invalid, or the command line is wrong. */
    static final int CONFIGURATION = 2;
    /** Not an exit code: the server runs, and the process lives on until it is stopped. */
    static final int SERVING = -1;

    private Cli() {
    }

    /**
     * Runs the command {@code args} name.
     *
     * @param started told about the server {@code serve} started (the process registers its stop with it)
     * @return an exit code, or {@link #SERVING}
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Consumer<GaldavServer> started) {
        CommandLine cli = commandLine(started);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The whole command tree; {@code started} is told about a server {@code serve} starts. */
    static CommandLine commandLine(Consumer<GaldavServer> started) {
        CommandLine cli = new CommandLine(new GaldavCommand(started))
                .addSubcommand(new ServeCommand(started))
                .addSubcommand(new CheckCommand())
                .addSubcommand(new PreviewCommand())
                .addSubcommand(new VersionCommand())
                .addSubcommand(new CompletionCommand());
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" " + OK, "success");
        codes.put(" " + FAILED, "runtime failure (e.g. check found a problem, the directory cannot be reached, "
                + "the port is taken)");
        codes.put(" " + CONFIGURATION, "configuration error (a setting or mapping is invalid) or wrong usage");
        codes.put(" 3", "serve ran out of memory (give Java more with -Xmx; a service manager restarts it)");
        for (CommandLine command : tree(cli)) {
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("galdav: " + e.getMessage());
            command.getErr().flush();
            return e instanceof ConfigError || e instanceof MappingException ? CONFIGURATION : FAILED;
        });
        return cli;
    }

    private static Iterable<CommandLine> tree(CommandLine root) {
        java.util.List<CommandLine> all = new java.util.ArrayList<>();
        all.add(root);
        all.addAll(root.getSubcommands().values());
        return all;
    }
}
