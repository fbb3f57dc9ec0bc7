package org.galdav.setup;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.galdav.http.HostHeader;

/**
 * The URL a person reaches galdav at, for the page, the QR code and the profile: {@code http.public-url} when
 * set; otherwise the request's scheme and {@code Host}, which a reverse proxy may restate in {@code Forwarded}
 * (RFC 7239 §5.3 {@code host=}, §5.4 {@code proto=}) or {@code X-Forwarded-Proto} / {@code X-Forwarded-Host}.
 * Those headers count only from a trusted proxy ({@code http.trusted-proxies}): anyone else could point the
 * page at a host of their choosing. Of several forwarding entries the last is taken, the one the proxy next
 * to galdav added. A host that is not a plain host name or IP literal (with an optional port) is never
 * echoed: the listen address stands in for it.
 */
final class PublicUrl {
    private final Optional<URI> configured;
    private final Set<InetAddress> trustedProxies;

    PublicUrl(Optional<URI> configured, Set<InetAddress> trustedProxies) {
        this.configured = configured;
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** The base URL, ending in "/", for this request. */
    URI of(HttpServerExchange http) {
        if (configured.isPresent()) {
            return configured.get();
        }
        InetSocketAddress local = http.getDestinationAddress();
        String fallback = hostLiteral(local.getAddress().isAnyLocalAddress() ? "localhost"
                : local.getAddress().getHostAddress()) + ":" + local.getPort();
        boolean trusted = trustedProxies.contains(http.getSourceAddress().getAddress());
        var headers = http.getRequestHeaders();
        return derive(http.getRequestScheme(), headers.getFirst(Headers.HOST), fallback, trusted,
                headers.getLast(Headers.FORWARDED), headers.getLast(Headers.X_FORWARDED_PROTO),
                headers.getLast(Headers.X_FORWARDED_HOST));
    }

    /**
     * @param scheme    the connection's: http or https
     * @param host      the request's Host header, perhaps null
     * @param fallback  the listen address, host:port, for a missing or unusable Host
     * @param trusted   whether the peer is a trusted proxy, whose forwarding headers count
     */
    static URI derive(String scheme, String host, String fallback, boolean trusted, String forwarded,
                      String forwardedProto, String forwardedHost) {
        String useScheme = scheme;
        String useHost = host;
        if (trusted) {
            String proto = forwarded != null ? parameter(forwarded, "proto") : lastOf(forwardedProto);
            if (proto != null) {
                useScheme = proto;
            }
            String viaHost = forwarded != null ? parameter(forwarded, "host") : lastOf(forwardedHost);
            if (viaHost != null) {
                useHost = viaHost;
            }
        }
        useScheme = useScheme.toLowerCase(Locale.ROOT);
        if (!useScheme.equals("http") && !useScheme.equals("https")) {
            useScheme = scheme.toLowerCase(Locale.ROOT);
        }
        String authority = HostHeader.plain(useHost).orElse(fallback);
        return URI.create(useScheme + "://" + withoutDefaultPort(authority, useScheme) + "/");
    }

    /** A parameter of the last element of a Forwarded header (RFC 7239 §4), unquoted; null when absent. */
    static String parameter(String forwarded, String name) {
        String[] elements = forwarded.split(",");
        for (String pair : elements[elements.length - 1].split(";")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase(name)) {
                String value = kv[1].trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String lastOf(String list) {
        if (list == null) {
            return null;
        }
        String[] values = list.split(",");
        String last = values[values.length - 1].trim();
        return last.isEmpty() ? null : last;
    }

    private static String withoutDefaultPort(String host, String scheme) {
        String suffix = scheme.equals("https") ? ":443" : ":80";
        return host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()) : host;
    }

    private static String hostLiteral(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
