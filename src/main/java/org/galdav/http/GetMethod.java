package org.galdav.http;

import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.dav.DavPaths;
import org.galdav.dav.HttpDates;

/**
 * GET and HEAD. Cards come as vCard 3.0 unless the Accept header asks for version 4.0 (RFC 6352
 * §5.1.1); conditional requests follow RFC 9110 §13. Collections answer a DAV client (or curl) with a short text
 * saying what they are; a browser gets the setup page instead.
 */
final class GetMethod {
    private final Lookup lookup;

    GetMethod(Lookup lookup) {
        this.lookup = lookup;
    }

    void handle(Exchange exchange, boolean head) {
        AddressBook book = lookup.bookOf(exchange).orElse(null);
        if (!(exchange.target instanceof DavPaths.Target.Card target)) {
            String text = "galdav CardDAV server. Point a CardDAV client at " + DavPaths.ROOT
                    + " (address books live under " + DavPaths.HOME + ").\n";
            exchange.http.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            // A browser asking for HTML gets the setup page here instead (PageRequests), RFC 9110 §12.5.5.
            exchange.setHeader("Vary", "Accept");
            send(exchange, text.getBytes(StandardCharsets.UTF_8), head);
            return;
        }
        Card card = lookup.card(book, target.cardName());
        String etag = card.summary().etag();
        exchange.setHeader("ETag", etag);
        exchange.setHeader("Vary", "Accept");
        card.summary().lastModified().ifPresent(t -> exchange.setHeader("Last-Modified",
                HttpDates.format(t)));
        String ifMatch = exchange.header("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            exchange.http.setStatusCode(412);
            exchange.http.endExchange();
            return;
        }
        String ifNoneMatch = exchange.header("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch.replace("W/", ""), etag)) { // weak comparison, RFC 9110 §13.1.2
            exchange.http.setStatusCode(304);
            exchange.http.endExchange();
            return;
        }
        CardFormat format = negotiate(exchange.header("Accept"));
        exchange.http.getResponseHeaders().put(Headers.CONTENT_TYPE, format == CardFormat.VCARD_4
                ? format.contentType() + "; version=4.0" : format.contentType());
        send(exchange, card.render(format, PropertySelection.ALL), head);
    }

    private static void send(Exchange exchange, byte[] body, boolean head) {
        exchange.http.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (head) {
            exchange.http.endExchange();
        } else {
            exchange.http.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }

    /** vCard 4.0 only when asked for explicitly and preferred over 3.0 by q-value. */
    static CardFormat negotiate(String accept) {
        double q3 = -1;
        double q4 = -1;
        for (MediaRange range : MediaRange.parse(accept)) {
            if (!range.type().equals("text/vcard")) {
                continue;
            }
            String version = range.parameters().get("version");
            CardFormat format = version == null ? CardFormat.VCARD_3 : CardFormat.forVersion(version).orElse(null);
            if (format == CardFormat.VCARD_4) {
                q4 = Math.max(q4, range.quality());
            } else if (format == CardFormat.VCARD_3) {
                q3 = Math.max(q3, range.quality());
            }
        }
        return q4 > 0 && q4 > q3 ? CardFormat.VCARD_4 : CardFormat.VCARD_3;
    }

    /** If-Match / If-None-Match lists: "*" or one of the listed tags (strong comparison, RFC 9110 §8.8.3.2). */
    static boolean matches(String header, String etag) {
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
