package org.galdav.it.ha;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HAProxy configuration of docs/high-availability.md, as the test runs it: the documented block with
 * only its addresses replaced (loopback ports instead of the example hosts, plain HTTP instead of TLS) and its
 * log sent to standard output by a single thread (see {@link #forTest}). So the configuration that is documented is the configuration that is tested;
 * a documented line the test relies on that changes fails the test.
 */
final class DocumentedHaProxyConfig {
    static final Path DOC = Path.of("docs", "high-availability.md");
    private static final Pattern BLOCK = Pattern.compile("```haproxy\n(.*?)```", Pattern.DOTALL);

    private DocumentedHaProxyConfig() {
    }

    /**
     * @param galdav1 the port of the instance the documentation calls {@code galdav1} (10.0.0.11:8080)
     * @param galdav2 the port of {@code galdav2} (10.0.0.12:8080)
     */
    static String forTest(HaProxy.Ports ports, int galdav1, int galdav2) throws IOException {
        Matcher block = BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        if (!block.find()) {
            throw new IllegalStateException(DOC + " has no ```haproxy block");
        }
        Map<String, String> replacements = new LinkedHashMap<>();
        // One thread: logging to a file descriptor, HAProxy drops a line rather than wait when two threads log
        // at the same moment ("we prefer to fail on collision than to block", fd_write_frag_line), and the test
        // reads every request from that log. Syslog (/dev/log), as documented, has no such collision.
        replacements.put("log /dev/log local0", "log stdout format raw local0 info\n    nbthread 1");
        replacements.put("bind :443 ssl crt /etc/haproxy/galdav.pem", "bind 127.0.0.1:" + ports.frontend());
        replacements.put("10.0.0.11:8080", "127.0.0.1:" + galdav1);
        replacements.put("10.0.0.12:8080", "127.0.0.1:" + galdav2);
        replacements.put("bind 127.0.0.1:8404", "bind 127.0.0.1:" + ports.stats());
        String config = block.group(1);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (!config.contains(r.getKey())) {
                throw new IllegalStateException("the configuration in " + DOC + " no longer contains '" + r.getKey()
                        + "', which the test replaces; update " + DocumentedHaProxyConfig.class.getSimpleName());
            }
            config = config.replace(r.getKey(), r.getValue());
        }
        return config;
    }
}
