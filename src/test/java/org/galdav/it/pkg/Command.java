package org.galdav.it.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.galdav.it.ServerProcess;

/**
 * One finished command: its exit status and what it printed (stdout and stderr together). Commands run
 * with the test JVM's environment less every {@code GALDAV_*} variable and {@code JAVA_OPTS}, plus the
 * given ones, and end within a hang guard.
 */
record Command(List<String> line, int status, String output) {
    static final long GUARD_MILLIS = 300_000;

    static Command run(String... line) throws IOException, InterruptedException {
        return run(Map.of(), null, List.of(line));
    }

    static Command run(Map<String, String> environment, Path directory, List<String> line)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("galdav-command-", ".log");
        try {
            ProcessBuilder builder = builder(log, environment, line);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            int status = ServerProcess.awaitExit(builder.start(), log, String.join(" ", line), GUARD_MILLIS);
            return new Command(line, status, ServerProcess.read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A builder for {@code line}, output to {@code log}, in the clean environment described above. */
    static ProcessBuilder builder(Path log, Map<String, String> environment, List<String> line) {
        ProcessBuilder builder = ServerProcess.capturingOutput(log, line);
        builder.environment().keySet().removeIf(name -> name.startsWith("GALDAV_") || name.equals("JAVA_OPTS"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** This command, which must have succeeded; else an error with its output. */
    Command ok() {
        if (status != 0) {
            throw new AssertionError(String.join(" ", line) + " failed with status " + status + ":\n" + output);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.join(" ", line) + " -> " + status + "\n" + output;
    }
}
