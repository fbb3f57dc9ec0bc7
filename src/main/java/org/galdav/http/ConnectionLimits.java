package org.galdav.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one connection may cost the server: how many may be open at once, in all and per client, and how long
 * a client may take to send what it owes. Connections beyond a cap are closed at once; a client too slow to
 * send its request loses its connection.
 *
 * @param maxConnections           open connections in all; more are closed when accepted
 * @param maxConnectionsPerAddress open connections per client ({@link org.galdav.core.AddressBlock}); the
 *                                 trusted proxies count only towards {@code maxConnections}
 * @param maxBusyPerAddress        requests of one client served at once (each holds a worker thread); more
 *                                 get 503 at once, so one client cannot occupy every worker
 * @param headerTimeout            from the first byte of a request to the end of its headers
 * @param bodyTimeout              from the end of the headers to the end of the body
 * @param idleTimeout              a kept-alive connection without a request is closed after this
 * @param trustedProxies           reverse proxies whose {@code X-Forwarded-For} names the client, and whose
 *                                 connections carry many clients
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress, int maxBusyPerAddress,
                               Duration headerTimeout,
                               Duration bodyTimeout, Duration idleTimeout, Set<InetAddress> trustedProxies) {
    public ConnectionLimits {
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        trustedProxies = Set.copyOf(trustedProxies);
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxBusyPerAddress < 1) {
            throw new IllegalArgumentException("connection caps must be positive");
        }
        for (Duration timeout : new Duration[] {headerTimeout, bodyTimeout, idleTimeout}) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connection timeouts must be positive and below 24 days");
            }
        }
    }
}
