package org.galdav.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One HTTP/1.1 connection's worth of client for the scale benchmark: every request has a timeout, so a server
 * that stopped answering (e.g. after an OutOfMemoryError) costs a bounded wait, and every failure becomes a
 * {@link Failed} with the short text the table shows ("error 503", "timeout").
 */
final class BenchHttp {
    static final String DAV = "DAV:";
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** A measurement that did not produce a figure; its message is what the table shows. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    record Answer(int status, String body, double millis) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    BenchHttp(String base, String login, String password) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request and times it to the last byte of the body; any status in {@code ok} is a success. */
    Answer send(String method, String path, String body, String depth, Duration timeout, Set<Integer> ok)
            throws Failed {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/xml; charset=utf-8");
        }
        if (depth != null) {
            request.header("Depth", depth);
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new Failed("timeout " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new Failed("connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (!ok.contains(response.statusCode())) {
            throw new Failed("error " + response.statusCode());
        }
        return new Answer(response.statusCode(), response.body(), millis);
    }

    Answer report(String path, String body, Duration timeout) throws Failed {
        return send("REPORT", path, body, "1", timeout, Set.of(207));
    }

    Answer propfind(String path, String depth, String body, Duration timeout) throws Failed {
        return send("PROPFIND", path, body, depth, timeout, Set.of(207));
    }

    /**
     * The {@code DAV:response} elements of a multistatus body other than the one for {@code except} (the
     * collection itself), counted with a streaming XML parser (cheap enough for the throughput clients).
     */
    static int responses(String multistatus, String except) throws Failed {
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(new StringReader(multistatus));
            int count = 0;
            boolean inResponse = false;
            boolean hrefIsExcept = false;
            StringBuilder href = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && DAV.equals(xml.getNamespaceURI())) {
                    if ("response".equals(xml.getLocalName())) {
                        inResponse = true;
                        hrefIsExcept = false;
                    } else if (inResponse && "href".equals(xml.getLocalName())) {
                        href = new StringBuilder();
                    }
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && href != null) {
                    href.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT && DAV.equals(xml.getNamespaceURI())) {
                    if ("href".equals(xml.getLocalName()) && href != null) {
                        hrefIsExcept |= href.toString().trim().equals(except);
                        href = null;
                    } else if ("response".equals(xml.getLocalName())) {
                        inResponse = false;
                        count += hrefIsExcept ? 0 : 1;
                    }
                }
            }
            return count;
        } catch (XMLStreamException e) {
            throw new Failed("unparsable answer (" + e.getMessage() + ")");
        }
    }
}
