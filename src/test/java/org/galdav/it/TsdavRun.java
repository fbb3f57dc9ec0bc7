package org.galdav.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.json.Json;

/**
 * Runs src/test/node/tsdav/sync-book.mjs, the real tsdav (pinned in its package-lock.json, installed by
 * {@code npm ci} in .ci/run), with node against a server, and returns the one JSON object it prints.
 * The wait is a hang guard, not a timed assertion.
 */
final class TsdavRun {
    static final Path DIR = Path.of("src/test/node/tsdav");
    private static final long HANG_GUARD_MINUTES = 5;

    private TsdavRun() {
    }

    /** What the script found, as parsed JSON; fails with its output when tsdav threw or node failed. */
    static Map<String, Object> syncBook(String serverUrl, String login, String password) {
        if (!Files.isDirectory(DIR.resolve("node_modules/tsdav"))) {
            throw new AssertionError("tsdav is not installed in " + DIR.toAbsolutePath()
                    + ": run npm ci in src/test/node/tsdav, as .ci/run does");
        }
        try {
            Path stdout = Files.createTempFile("tsdav-", ".json");
            Path stderr = Files.createTempFile("tsdav-", ".err");
            // Files, not pipes: node can never block on a full pipe, and the wait below stays a hang guard.
            Process node = new ProcessBuilder("node", "sync-book.mjs", serverUrl, login, password)
                    .directory(DIR.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!node.waitFor(HANG_GUARD_MINUTES, TimeUnit.MINUTES)) {
                node.destroyForcibly().waitFor();
                throw new AssertionError("tsdav hung (over " + HANG_GUARD_MINUTES + " minutes):\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            String out = Files.readString(stdout, StandardCharsets.UTF_8).strip();
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            Files.delete(stdout);
            Files.delete(stderr);
            if (node.exitValue() != 0) {
                throw new AssertionError("tsdav failed (exit " + node.exitValue() + "): " + out + "\n" + err);
            }
            return new Json().toType(out, Json.MAP_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run node (is Node.js installed? .ci/run installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof Map)) {
            throw new AssertionError("no object \"" + key + "\" in tsdav's output: " + json.keySet());
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof List)) {
            throw new AssertionError("no list \"" + key + "\" in tsdav's output: " + json.keySet());
        }
        return (List<T>) value;
    }

    static long number(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof Number n)) {
            throw new AssertionError("no number \"" + key + "\" in tsdav's output: " + json);
        }
        return n.longValue();
    }
}
