package org.galdav.directory;

import java.time.Duration;
import java.util.Objects;

/**
 * How long galdav waits for the directory while a client waits, and how it finds out that a directory
 * that failed is back. Background work (the warm-up listing, the change tracker's polls and listings)
 * waits {@link LdapSettings#operationTimeout()} instead.
 *
 * @param requestTimeout longest wait for one LDAP answer during an HTTP request, and never longer than
 *                       the request's remaining time ({@link org.galdav.core.Deadline}); a directory that does
 *                       not answer within it is taken for down (503 with Retry-After)
 * @param probeInterval  while the directory is taken for down, how often it is probed in the background;
 *                       requests that need it fail at once until a probe succeeds
 * @param probeTimeout   longest wait for each step of a probe (connect, bind, root DSE); {@code /health}
 *                       waits at most this long for its probe's answer
 */
public record LdapTimeouts(Duration requestTimeout, Duration probeInterval, Duration probeTimeout) {
    public LdapTimeouts {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(probeInterval, "probeInterval");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        if (requestTimeout.toMillis() < 1 || probeInterval.toMillis() < 1 || probeTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("ldap.request-timeout, ldap.probe-interval and ldap.probe-timeout "
                    + "must be at least 1 ms");
        }
    }
}
