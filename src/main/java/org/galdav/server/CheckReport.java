package org.galdav.server;

import java.io.PrintWriter;

/**
 * What {@code galdav check} prints: one line per check, starting with its outcome, and the exit code the
 * worst outcome makes. A failing check says what is wrong and, after a dash, how to fix it.
 */
final class CheckReport {
    private final PrintWriter out;
    private int failures;
    private boolean configurationInvalid;

    CheckReport(PrintWriter out) {
        this.out = out;
    }

    void ok(String what) {
        line("OK  ", what);
    }

    /** Works now, but will not for long (a certificate about to expire). */
    void warn(String what, String fix) {
        line("WARN", what + " — " + fix);
    }

    void fail(String what, String problemAndFix) {
        failures++;
        line("FAIL", what + ": " + problemAndFix);
    }

    /** A failure of the configuration itself (a setting, a mapping): exit code 2. */
    void invalid(String what, String problemAndFix) {
        configurationInvalid = true;
        fail(what, problemAndFix);
    }

    /** Not checked, because what it needs failed. */
    void skip(String what, String because) {
        line("SKIP", what + ": " + because);
    }

    boolean failed() {
        return failures > 0 || configurationInvalid;
    }

    /** {@link Cli#CONFIGURATION} when the configuration is invalid, else {@link Cli#FAILED} when a check failed. */
    int exitCode() {
        if (configurationInvalid) {
            return Cli.CONFIGURATION;
        }
        return failures > 0 ? Cli.FAILED : Cli.OK;
    }

    private void line(String outcome, String text) {
        out.println(outcome + " " + text);
        out.flush();
    }
}
