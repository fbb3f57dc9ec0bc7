package org.galdav.it.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** zbarimg (Debian zbar-tools): decodes the QR code in an image, as a phone's reader would. */
final class Zbar {
    private Zbar() {
    }

    static String decode(Path image) throws Exception {
        Process process = new ProcessBuilder("zbarimg", "--raw", "-q", image.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD) // its D-Bus complaints, not the code
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) { // a hang guard, not a timing
            process.destroyForcibly();
            throw new IllegalStateException("zbarimg did not finish");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("zbarimg found no code (exit " + process.exitValue() + "): " + out);
        }
        return out;
    }
}
