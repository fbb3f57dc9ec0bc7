package org.galdav.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;
import java.util.OptionalLong;
import org.galdav.http.ConnectionLimits;

/**
 * Whether the process may open as many files as the connection cap promises: a cap above the descriptor
 * limit is no cap at all, since accepting then fails with "Too many open files" for everyone. Checked once at
 * start, with a warning that says what to change.
 */
final class DescriptorLimit {
    /** Descriptors beside the connections: LDAP pool, jar and log files, sync states, the JVM's own. */
    static final int RESERVE = 256;

    private DescriptorLimit() {
    }

    /** A warning when this process's limit is below what {@code limits} need. */
    static Optional<String> warning(ConnectionLimits limits) {
        OptionalLong limit = ofThisProcess();
        return limit.isPresent() ? warning(limit.getAsLong(), limits) : Optional.empty();
    }

    /** The process's limit on open files, when the JVM can tell (on Unix). */
    static OptionalLong ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    /** A warning when {@code limit} is below what {@code limits} need, in words that say what to change. */
    static Optional<String> warning(long limit, ConnectionLimits limits) {
        long needed = (long) limits.maxConnections() + RESERVE;
        if (limit >= needed) {
            return Optional.empty();
        }
        return Optional.of("this process may open only " + limit + " files, but http.connections.max = "
                + limits.maxConnections() + " needs about " + needed + " (connections plus " + RESERVE
                + " for LDAP, logs and state): raise the limit (systemd: LimitNOFILE=" + needed
                + " or more; shell: ulimit -n " + needed + ") or lower http.connections.max");
    }
}
