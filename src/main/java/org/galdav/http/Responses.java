package org.galdav.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.galdav.dav.DavException;
import org.galdav.dav.MultistatusWriter;

/** Writes the common kinds of response. */
final class Responses {
    static final String XML = "application/xml; charset=utf-8";

    private Responses() {
    }

    /** Starts a streamed 207 Multi-Status. */
    static MultistatusWriter multistatus(Exchange exchange) throws IOException {
        HttpServerExchange http = exchange.http;
        http.setStatusCode(207);
        http.getResponseHeaders().put(Headers.CONTENT_TYPE, XML);
        boolean minimal = exchange.wantsMinimal();
        if (minimal) {
            exchange.setHeader("Preference-Applied", "return=minimal");
        }
        exchange.setHeader("Vary", "Brief, Prefer");
        OutputStream out = http.getOutputStream();
        return new MultistatusWriter(out, minimal);
    }

    /** An error status with a DAV:error body when a precondition applies, plain text otherwise. */
    static void error(HttpServerExchange http, DavException e) {
        if (http.isResponseStarted()) {
            return;
        }
        http.setStatusCode(e.status());
        if (e.body().isPresent()) {
            http.getResponseHeaders().put(Headers.CONTENT_TYPE, XML);
            http.getResponseSender().send(ByteBuffer.wrap(e.body().get().toBytes()));
        } else {
            text(http, e.status(), e.getMessage());
        }
    }

    static void text(HttpServerExchange http, int status, String message) {
        http.setStatusCode(status);
        http.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        http.getResponseSender().send(message + "\n", StandardCharsets.UTF_8);
    }
}
