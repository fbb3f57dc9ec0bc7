package org.galdav.http;

import io.undertow.io.UndertowOutputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.galdav.dav.DavException;
import org.galdav.dav.MultistatusWriter;

/** Writes the common kinds of response. */
final class Responses {
    static final String XML = "application/xml; charset=utf-8";

    private Responses() {
    }

    /**
     * Answers 207 Multi-Status, streaming the responses {@code body} writes. The document is closed
     * only when {@code body} returns: after a failure {@link DavHandler} drops the connection, so a
     * short answer never looks complete.
     */
    static void multistatus(Exchange exchange, MultistatusWriter.Body body) throws IOException {
        HttpServerExchange http = exchange.http;
        http.setStatusCode(207);
        http.getResponseHeaders().put(Headers.CONTENT_TYPE, XML);
        boolean minimal = exchange.wantsMinimal();
        if (minimal) {
            exchange.setHeader("Preference-Applied", "return=minimal");
        }
        exchange.setHeader("Vary", "Brief, Prefer");
        MultistatusWriter.write(http.getOutputStream(), minimal, body);
    }

    /** A whole XML body with its status. */
    static void xml(HttpServerExchange http, int status, byte[] body) {
        discardUnsent(http);
        http.setStatusCode(status);
        http.getResponseHeaders().put(Headers.CONTENT_TYPE, XML);
        http.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** An error status with a DAV:error body when a precondition applies, plain text otherwise. */
    static void error(HttpServerExchange http, DavException e) {
        if (http.isResponseStarted()) {
            return;
        }
        if (e.body().isPresent()) {
            xml(http, e.status(), e.body().get().toBytes());
        } else {
            text(http, e.status(), e.getMessage());
        }
    }

    /**
     * Drops what a failed answer buffered but never sent (the start of a multistatus), so that an error
     * answered instead is the whole body. Only called before the response has started.
     */
    private static void discardUnsent(HttpServerExchange http) {
        if (http.isBlocking() && !http.isResponseStarted() && http.getOutputStream() instanceof UndertowOutputStream out) {
            out.resetBuffer();
        }
    }

    static void text(HttpServerExchange http, int status, String message) {
        discardUnsent(http);
        http.setStatusCode(status);
        http.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        http.getResponseSender().send(message + "\n", StandardCharsets.UTF_8);
    }
}
