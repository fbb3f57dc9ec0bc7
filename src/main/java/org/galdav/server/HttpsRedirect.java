package org.galdav.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import org.galdav.http.HostHeader;

/**
 * The whole of the plain-HTTP redirect port ({@code http.tls.redirect-port}): every request, whatever its method,
 * gets {@code 308 Permanent Redirect} (RFC 9110 §15.4.9, which keeps the method and body, unlike 301) to the same
 * path and query over HTTPS, and nothing else: no DAV, no login, no HSTS (RFC 6797 §7.2 forbids it on plain
 * HTTP). The target is {@code http.public-url} when set, else the request's host on the HTTPS port. A
 * {@code Host} that is not a plain host name or IP literal is never echoed: the address the request came in on
 * stands in for it.
 */
final class HttpsRedirect implements HttpHandler {
    private final Optional<URI> publicUrl;
    private final int httpsPort;

    /**
     * @param publicUrl an https URL of a host's root, when configured
     * @param httpsPort the port the HTTPS listener has
     */
    HttpsRedirect(Optional<URI> publicUrl, int httpsPort) {
        this.publicUrl = publicUrl;
        this.httpsPort = httpsPort;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String root = publicUrl.map(url -> url.toString().replaceAll("/$", ""))
                .orElseGet(() -> "https://" + host(exchange) + (httpsPort == 443 ? "" : ":" + httpsPort));
        String query = exchange.getQueryString();
        exchange.setStatusCode(308);
        exchange.getResponseHeaders().put(Headers.LOCATION,
                root + path(exchange) + (query.isEmpty() ? "" : "?" + query));
        // Without http.public-url the target follows the request's Host: no shared cache may keep it for others.
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    /** The request's host without its port, or the address the request came in on. */
    private static String host(HttpServerExchange exchange) {
        Optional<String> host = HostHeader.plain(exchange.getRequestHeaders().getFirst(Headers.HOST));
        if (host.isPresent()) {
            return HostHeader.withoutPort(host.get());
        }
        InetSocketAddress local = exchange.getDestinationAddress();
        String address = local.getAddress().getHostAddress();
        return address.contains(":") ? "[" + address.replaceAll("%.*$", "") + "]" : address;
    }

    /** The path as the client sent it, also when it sent an absolute URI (RFC 9112 §3.2.2). */
    private static String path(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri.startsWith("/") ? uri : "/" + uri;
    }
}
