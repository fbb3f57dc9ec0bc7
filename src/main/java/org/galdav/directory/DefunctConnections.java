package org.galdav.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gives back connections that may be mid-response or dead: each is closed at once on the caller's thread
 * (the server drops what it was still sending, which abandons a search cut short), and the pool's
 * replacement, which connects and binds and can wait for a hung server, is made on a background thread,
 * so the request that gave the connection up does not wait for it.
 *
 * <p>Thread-safe; one per pool.
 */
final class DefunctConnections implements AutoCloseable {
    private final LDAPConnectionPool pool;
    private final ExecutorService replacer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "galdav-ldap-replace");
        thread.setDaemon(true);
        return thread;
    });

    DefunctConnections(LDAPConnectionPool pool) {
        this.pool = pool;
    }

    void discard(LDAPConnection connection) {
        connection.close();
        try {
            replacer.execute(() -> pool.releaseDefunctConnection(connection));
        } catch (RejectedExecutionException e) {
            pool.releaseDefunctConnection(connection); // closing: the pool replaces nothing any more
        }
    }

    @Override
    public void close() {
        replacer.shutdownNow();
    }
}
