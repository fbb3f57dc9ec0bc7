package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code galdav completion} prints the bash completion script packages install (picocli's generator): valid
 * bash that completes the sub-commands and their options. Run in a real bash, the completion function
 * called as bash calls it on TAB.
 */
class CompletionTest {
    @Test
    void theScriptIsValidBashAndCompletesCommandsAndOptions(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        int code = Cli.run(new String[] {"completion"}, new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                server -> { });
        assertThat(code).isZero();
        Path script = dir.resolve("galdav");
        Files.writeString(script, out.toString());
        assertThat(bash("-n", script.toString()).exitCode()).as("bash -n").isZero();

        assertThat(complete(script, "galdav", "")).containsExactly("serve", "check", "preview", "version");
        assertThat(complete(script, "galdav", "ch")).containsExactly("check");
        assertThat(complete(script, "galdav", "check", "--s")).containsExactly("--set");
        assertThat(complete(script, "galdav", "preview", "--")).contains("--config", "--set", "--help", "--verbose");
    }

    /** What the completion function offers for the last word of {@code words}. */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append('\'');
        }
        String line = String.join(" ", words);
        Result result = bash("-c", "source '" + script + "'; COMP_WORDS=(" + array + " ); COMP_CWORD="
                + (words.length - 1) + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; _complete_galdav; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertThat(result.exitCode()).isZero();
        return result.out().lines().filter(l -> !l.isBlank()).toList();
    }

    private record Result(int exitCode, String out) {
    }

    /** Runs bash; its standard error (compopt outside a real completion complains) is dropped. */
    private static Result bash(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }
}
