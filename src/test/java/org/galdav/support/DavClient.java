package org.galdav.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small WebDAV client over java.net.http, as a real client would talk to the server. */
public final class DavClient {
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String authorization;

    public DavClient(String baseUrl, String login, String password) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = login == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public DavClient as(String login, String password) {
        return new DavClient(base, login, password);
    }

    public DavClient anonymous() {
        return new DavClient(base, null, null);
    }

    public HttpResponse<String> propfind(String path, String depth, String body) {
        return send("PROPFIND", path, body, "Depth", depth);
    }

    public HttpResponse<String> report(String path, String depth, String body) {
        return depth == null ? send("REPORT", path, body) : send("REPORT", path, body, "Depth", depth);
    }

    /** The hrefs of a book's members, from a Depth 1 PROPFIND. */
    public java.util.List<String> memberHrefs(String book) {
        return Multistatus.parse(propfind(book, "1", Bodies.propfind("d:getetag")).body()).hrefs().stream()
                .filter(h -> !h.equals(book)).toList();
    }

    /** The cards behind hrefs, fetched with one addressbook-multiget in the given vCard version. */
    public java.util.List<ezvcard.VCard> multigetCards(String book, java.util.List<String> hrefs, String version) {
        Multistatus ms = Multistatus.parse(report(book, "1", Bodies.multiget(
                "<C:address-data content-type='text/vcard' version='" + version + "'/>", hrefs.toArray(String[]::new))).body());
        return ms.responses().stream().map(r -> Cards.parseOne(r.okText(Multistatus.CARD, "address-data"))).toList();
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Sends any method; headers as name, value pairs (a null value omits the header). */
    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/xml; charset=utf-8");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
