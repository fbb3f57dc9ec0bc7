package org.galdav.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.galdav.core.Deadline;
import org.galdav.core.Principal;
import org.galdav.core.UserCredentials;
import org.galdav.dav.DavException;
import org.galdav.dav.DavPaths;
import org.galdav.dav.Resources;

/** One request as the method handlers see it: the Undertow exchange plus who is asking. */
final class Exchange {
    final HttpServerExchange http;
    final Principal principal;
    /** The caller's password, for books searched with the user's own bind. */
    final UserCredentials credentials;
    final Resources resources;
    final DavPaths.Target target;
    private final long maxRequestBytes;

    Exchange(HttpServerExchange http, Principal principal, UserCredentials credentials,
             Resources resources, long maxRequestBytes) {
        this.http = http;
        this.principal = principal;
        this.credentials = credentials;
        this.resources = resources;
        // The raw URI: getRequestPath() is already decoded, and DavPaths decodes (once) itself.
        this.target = DavPaths.resolve(http.getRequestURI());
        this.maxRequestBytes = maxRequestBytes;
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    void setHeader(String name, String value) {
        http.getResponseHeaders().put(HttpString.tryFromString(name), value);
    }

    /**
     * Reads the whole body. More than the configured size is refused with 413 (RFC 9110 §15.5.14): at once
     * when Content-Length announces it (any number of digits), otherwise (chunked) once the limit is passed,
     * after reading and dropping up to as much again, so that a client still sending can read the answer.
     * A body that ends early is 400. After either refusal the connection is closed.
     */
    byte[] body() throws IOException {
        long declared = declaredLength();
        if (declared > maxRequestBytes) {
            throw refusal(413, "request body larger than " + maxRequestBytes + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        InputStream in = http.getInputStream();
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxRequestBytes) {
                    drain(in, buffer);
                    throw refusal(413, "request body larger than " + maxRequestBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (RequestTooBigException e) {
            throw refusal(413, "request body larger than " + maxRequestBytes + " bytes");
        } catch (IOException e) {
            Deadline.current().check(); // stopped while waiting (time up, server stopping): not the body's fault
            if (!http.getConnection().isOpen()) {
                throw e; // the client is gone: nobody to answer
            }
            throw refusal(400, "request body ended before it was complete");
        }
        return out.toByteArray();
    }

    /**
     * The Content-Length (RFC 9110 §8.6), -1 without one or with Transfer-Encoding (which wins, RFC 9112
     * §6.3). A number too long for a long is larger than any limit.
     */
    private long declaredLength() {
        String value = header("Content-Length");
        if (value == null || http.getRequestHeaders().contains("Transfer-Encoding")) {
            return -1;
        }
        String digits = value.trim();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw refusal(400, "Content-Length must be a number");
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** Reads and drops the rest of a body that is too large, up to Undertow's own limit. */
    private static void drain(InputStream in, byte[] buffer) {
        try {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // Undertow's limit was reached, or the client gave up: the answer goes out either way.
        }
    }

    /** A refusal after which the connection cannot be reused: the rest of the body was not read. */
    private DavException refusal(int status, String message) {
        http.setPersistent(false);
        return new DavException(status, message);
    }

    /** Bodies must be XML when present (RFC 4918 §8.2); text/xml and application/xml both count. */
    byte[] xmlBody() throws IOException {
        byte[] body = body();
        String type = header("Content-Type");
        if (body.length > 0 && type != null) {
            String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!media.isEmpty() && !media.equals("text/xml") && !media.equals("application/xml")
                    && !media.endsWith("+xml")) {
                throw new DavException(415, "request body must be XML, got " + media);
            }
        }
        return body;
    }

    /** Depth header (RFC 4918 §10.2): 0, 1 or infinity; {@code fallback} when absent. */
    Depth depth(Depth fallback) {
        String value = header("Depth");
        if (value == null) {
            return fallback;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "0": return Depth.ZERO;
            case "1": return Depth.ONE;
            case "infinity": return Depth.INFINITY;
            default: throw DavException.badRequest("Depth must be 0, 1 or infinity");
        }
    }

    /** RFC 8144 Prefer: return=minimal, or the older Brief: t. */
    boolean wantsMinimal() {
        String prefer = header("Prefer");
        String brief = header("Brief");
        return (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("return=minimal"))
                || (brief != null && brief.trim().equalsIgnoreCase("t"));
    }

    enum Depth { ZERO, ONE, INFINITY }
}
