package org.galdav.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.LdapTimeouts;

/**
 * The {@code ldap.*} settings that do not depend on which directory is reached: the pool, paging and
 * timeouts. They are kept apart from the URL and account because the embedded demo directory, whose URL
 * is known only when it runs, is reached with them too.
 *
 * @param poolSize         pooled connections
 * @param pageSize         entries per page of paged searches (RFC 2696)
 * @param connectTimeout   to open a connection
 * @param operationTimeout for any one LDAP operation
 * @param maxConnectionAge connections are replaced after this
 * @param timeouts         waits while a client waits, and probing a directory that failed
 */
public record LdapTuning(int poolSize, int pageSize, Duration connectTimeout, Duration operationTimeout,
                         Duration maxConnectionAge, LdapTimeouts timeouts) {
    public LdapTuning {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
        Objects.requireNonNull(timeouts, "timeouts");
        if (poolSize < 1 || pageSize < 1) {
            // Worded as LdapSettings words it: the demo directory's settings fail at load as a directory's do.
            throw new IllegalArgumentException("pool size and page size must be positive");
        }
    }

    /** A whole connection: the given directory and account, with this tuning. */
    LdapSettings connection(List<String> urls, String bindDn, String bindPassword, boolean startTls,
                            Optional<Path> trustStore, Optional<String> trustStorePassword) {
        return new LdapSettings(urls, bindDn, bindPassword, startTls, trustStore, trustStorePassword, poolSize,
                pageSize, connectTimeout, operationTimeout, maxConnectionAge, timeouts);
    }
}
