package org.galdav.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

/**
 * Stands between accepting a connection and Undertow's HTTP handling: a connection the
 * {@link ConnectionBudget} has no place for is closed at once, before it can cost a buffer or a parser,
 * and an admitted one gives its place back when it closes, however that happens (the client, a timeout,
 * the server). Runs on XNIO's I/O threads; thread-safe as the budget is.
 */
final class ConnectionGate implements ChannelListener<StreamConnection> {
    private final ConnectionBudget budget;
    private final ChannelListener<? super StreamConnection> next;
    private final Consumer<ConnectionBudget.Refusal> refused;

    /**
     * @param next    Undertow's open listener, given every admitted connection
     * @param refused told about every connection closed for want of a place (metrics)
     */
    ConnectionGate(ConnectionBudget budget, ChannelListener<? super StreamConnection> next,
                   Consumer<ConnectionBudget.Refusal> refused) {
        this.budget = budget;
        this.next = next;
        this.refused = refused;
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        InetSocketAddress peer = connection.getPeerAddress(InetSocketAddress.class);
        if (peer == null) {
            IoUtils.safeClose(connection);
            return;
        }
        InetAddress address = peer.getAddress();
        Optional<ConnectionBudget.Refusal> refusal = budget.admit(address);
        if (refusal.isPresent()) {
            refused.accept(refusal.get());
            IoUtils.safeClose(connection);
            return;
        }
        // XNIO merges close listeners, so Undertow's own, set later, does not replace this one; a listener
        // set on a connection that already closed runs at once.
        connection.setCloseListener(closed -> budget.release(address));
        next.handleEvent(connection);
    }
}
