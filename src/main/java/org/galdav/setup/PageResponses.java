package org.galdav.setup;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How the pages answer: the headers every page and file of theirs carries, and the body. */
final class PageResponses {
    /**
     * The pages run no script and load nothing from elsewhere; saying so to the browser means a value that
     * slipped past escaping still could not run (CSP Level 3), nor could the page be framed by another site.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Personal pages: never stored by a shared cache, and different for each user and each Accept. */
    static final String PERSONAL = "private, no-store";
    /** The style sheet and the guides' images change only with a new galdav version. */
    static final String STATIC = "private, max-age=86400";

    private PageResponses() {
    }

    static void html(HttpServerExchange http, String page, boolean head) {
        send(http, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), PERSONAL, head);
    }

    static void send(HttpServerExchange http, int status, String contentType, byte[] body, String cacheControl,
                     boolean head) {
        var headers = http.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, contentType);
        headers.put(Headers.CACHE_CONTROL, cacheControl);
        headers.put(Headers.VARY, "Accept, Authorization");
        headers.put(new HttpString("X-Content-Type-Options"), "nosniff");
        headers.put(new HttpString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        headers.put(new HttpString("Referrer-Policy"), "no-referrer");
        headers.put(Headers.CONTENT_LENGTH, body.length);
        http.setStatusCode(status);
        if (head) {
            http.endExchange();
        } else {
            http.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }
}
