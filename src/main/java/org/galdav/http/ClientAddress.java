package org.galdav.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds who a request comes from, for what is counted per client (failed logins): the connection's peer, or,
 * when the peer is a trusted reverse proxy, the address that proxy puts in {@code X-Forwarded-For}. The header
 * is read from the right: each trusted proxy appends the address it saw, so the first address from the right
 * that is not a trusted proxy is the client, and whatever a client wrote further left is ignored. Only IP
 * literals are accepted, so a header can never make galdav ask DNS.
 */
public final class ClientAddress implements HttpHandler {
    private static final AttachmentKey<InetAddress> CLIENT = AttachmentKey.create(InetAddress.class);
    private static final HttpString FORWARDED_FOR = new HttpString("X-Forwarded-For");
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final HttpHandler next;
    private final Set<InetAddress> trustedProxies;

    public ClientAddress(HttpHandler next, Set<InetAddress> trustedProxies) {
        this.next = next;
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderValues forwarded = exchange.getRequestHeaders().get(FORWARDED_FOR);
        List<String> hops = new ArrayList<>();
        if (forwarded != null) {
            for (String value : forwarded) {
                hops.addAll(List.of(value.split(",")));
            }
        }
        exchange.putAttachment(CLIENT, client(exchange.getSourceAddress().getAddress(), hops, trustedProxies));
        next.handleRequest(exchange);
    }

    /** The client of a request: as found by this handler, else the connection's peer. */
    static InetAddress of(HttpServerExchange exchange) {
        InetAddress found = exchange.getAttachment(CLIENT);
        return found != null ? found : exchange.getSourceAddress().getAddress();
    }

    /**
     * @param peer the connection's peer
     * @param hops the {@code X-Forwarded-For} entries in order, the nearest proxy's last
     */
    static InetAddress client(InetAddress peer, List<String> hops, Set<InetAddress> trustedProxies) {
        InetAddress candidate = peer;
        for (int i = hops.size() - 1; i >= 0 && trustedProxies.contains(candidate); i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            candidate = hop.get();
        }
        return candidate;
    }

    /** An IP literal, bare or in brackets, an IPv4 one perhaps with a port; empty for anything else. */
    public static Optional<InetAddress> literal(String text) {
        String address = text.trim();
        if (address.startsWith("[") && address.indexOf(']') > 0) {
            address = address.substring(1, address.indexOf(']'));
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        try {
            if (IPV4.matcher(address).matches()) {
                return Optional.of(InetAddress.getByName(address));
            }
            if (IPV6.matcher(address).matches()) {
                // In brackets, the JDK parses an IPv6 literal or fails; it never falls back to a DNS lookup.
                return Optional.of(InetAddress.getByName("[" + address + "]"));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
