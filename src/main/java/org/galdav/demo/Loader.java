package org.galdav.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the demo company into an in-memory server while it is still being generated: generation runs on a
 * second thread and hands entries over through a queue. Both halves are dominated by cold-JVM costs, so
 * overlapping them (and overlapping generation with building the server) keeps startup short on small machines.
 */
final class Loader {

    private static final Entry END = new Entry("cn=end");
    private static final int QUEUE_SIZE = 256;

    private Loader() {
    }

    /**
     * Builds the server (on the calling thread) while the entries are generated, then adds them as they arrive.
     *
     * @return the loaded server, not yet listening
     */
    static InMemoryDirectoryServer load(DemoOptions options, InMemoryDirectoryServerConfig config)
            throws LDAPException {
        BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread generator = new Thread(() -> {
            try {
                DemoCompany.generate(options, entry -> put(queue, entry));
                put(queue, END);
            } catch (RuntimeException | Error e) {
                failure.set(e);
                endAfterFailure(queue);
            }
        }, "galdav-demo-generator");
        generator.setDaemon(true);
        generator.start();
        InMemoryDirectoryServer server = null;
        boolean loaded = false;
        try {
            server = new InMemoryDirectoryServer(config);
            for (Entry entry = queue.take(); entry != END; entry = queue.take()) {
                AddRequest add = new AddRequest(entry);
                // entryUUID and the timestamps are NO-USER-MODIFICATION; this control lets them be loaded as given.
                add.addControl(new IgnoreNoUserModificationRequestControl());
                server.add(add);
            }
            if (failure.get() != null) {
                throw new LDAPException(ResultCode.LOCAL_ERROR, "generating the demo directory failed",
                        failure.get());
            }
            loaded = true;
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LDAPException(ResultCode.LOCAL_ERROR, "interrupted while loading the demo directory", e);
        } finally {
            if (!loaded) {
                generator.interrupt();
                if (server != null) {
                    server.shutDown(true);
                }
            }
        }
    }

    private static void put(BlockingQueue<Entry> queue, Entry entry) {
        try {
            queue.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo directory loading was abandoned", e);
        }
    }

    /** Lets the loader stop waiting, unless it has already given up (and interrupted this thread). */
    private static void endAfterFailure(BlockingQueue<Entry> queue) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
