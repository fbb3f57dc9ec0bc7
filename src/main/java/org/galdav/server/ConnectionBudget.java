package org.galdav.server;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.AddressBlock;

/**
 * Counts open connections, in all and per client ({@link AddressBlock}), and decides whether one more may
 * open, so that one client's flood of never-finished requests cannot take the descriptors every other client
 * needs. Trusted proxies carry many clients and count only towards the total. The pure part of the
 * connection gate: no I/O, no clock. Thread-safe: counters are atomic, and an address's count is changed
 * under its map entry's lock.
 */
final class ConnectionBudget {
    /** Why a connection may not open. */
    enum Refusal {
        /** The client already has its share. */
        PER_ADDRESS("per-address"),
        /** The server has no connection left. */
        TOTAL("total");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        /** The metric label. */
        String tag() {
            return tag;
        }
    }

    private final int max;
    private final int maxPerAddress;
    private final Set<InetAddress> unlimited;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<AddressBlock, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionBudget(int max, int maxPerAddress, Set<InetAddress> unlimited) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.unlimited = Set.copyOf(unlimited);
    }

    /**
     * Takes a place for a connection from {@code peer}; the caller gives it back with {@link #release} when
     * that connection closes.
     *
     * @return empty when admitted, else why not (then nothing was taken)
     */
    Optional<Refusal> admit(InetAddress peer) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return Optional.of(Refusal.TOTAL);
        }
        if (unlimited.contains(peer)) {
            return Optional.empty();
        }
        boolean[] admitted = {false};
        perAddress.compute(AddressBlock.of(peer), (block, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
            return Optional.of(Refusal.PER_ADDRESS);
        }
        return Optional.empty();
    }

    /** Gives back the place of an admitted connection from {@code peer}. */
    void release(InetAddress peer) {
        open.decrementAndGet();
        if (!unlimited.contains(peer)) {
            perAddress.computeIfPresent(AddressBlock.of(peer), (block, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    /** Connections open now from the client of {@code peer}. */
    int openFrom(InetAddress peer) {
        return perAddress.getOrDefault(AddressBlock.of(peer), 0);
    }
}
