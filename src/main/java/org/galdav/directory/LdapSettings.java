package org.galdav.directory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the directory.
 *
 * @param urls          ldap:// or ldaps:// URLs; several give fail-over in order
 * @param bindDn        service account; empty for anonymous searches
 * @param bindPassword  its password (never logged)
 * @param startTls      upgrade ldap:// connections with StartTLS (RFC 4513 §3)
 * @param trustStore    the directory's CA: a PEM file or a PKCS#12/JKS trust store; empty uses the JVM's
 * @param poolSize      maximum pooled connections
 * @param pageSize      entries per page of the simple paged results control (RFC 2696)
 * @param connectTimeout time to establish a connection
 * @param operationTimeout time for any one LDAP operation outside a request (background listings and polls)
 * @param maxConnectionAge connections are replaced after this, so fail-over and DNS changes take effect
 * @param timeouts       waits while a client waits, and the probing of a directory that failed
 */
public record LdapSettings(List<String> urls, String bindDn, String bindPassword, boolean startTls,
                           Optional<Path> trustStore, Optional<String> trustStorePassword,
                           int poolSize, int pageSize, Duration connectTimeout, Duration operationTimeout,
                           Duration maxConnectionAge, LdapTimeouts timeouts) {
    public LdapSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one LDAP URL is needed");
        }
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(bindPassword, "bindPassword");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(timeouts, "timeouts");
        if (poolSize < 1 || pageSize < 1) {
            throw new IllegalArgumentException("pool size and page size must be positive");
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "LdapSettings[urls=" + urls + ", bindDn=" + bindDn + ", startTls=" + startTls + ", poolSize=" + poolSize
                + ", pageSize=" + pageSize + ", timeouts=" + timeouts + "]";
    }
}
