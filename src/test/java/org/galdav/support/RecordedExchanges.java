package org.galdav.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends requests and compares each whole answer (status, headers but {@code Date}, body) with a
 * transcript file named after the exchange; with {@code -Dgaldav.record-exchanges=true} it writes the
 * transcripts instead. Transcripts hold the request too, so a diff of them reads as what changed on
 * the wire.
 */
public final class RecordedExchanges {
    private static final boolean RECORDING = Boolean.getBoolean("galdav.record-exchanges");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Path dir;
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public RecordedExchanges(String baseUrl, Path dir) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.dir = dir;
    }

    /** An exchange as the demo user; headers as name, value pairs. Returns the response body. */
    public String exchange(String name, String method, String path, String body, String... headers) {
        return as(name, "demo", "demo", method, path, body, headers);
    }

    public String anonymous(String name, String method, String path, String body, String... headers) {
        return as(name, null, null, method, path, body, headers);
    }

    public String as(String name, String login, String password, String method, String path, String body,
                     String... headers) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("two exchanges named " + name);
        }
        names.add(name);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        StringBuilder transcript = new StringBuilder(method).append(' ').append(path).append('\n');
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (login + ":" + password).getBytes(StandardCharsets.UTF_8)));
            transcript.append("Authorization: Basic ").append(login).append(":***\n");
        }
        if (body != null) {
            request.header("Content-Type", "application/xml; charset=utf-8");
            transcript.append("Content-Type: application/xml; charset=utf-8\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            transcript.append(headers[i]).append(": ").append(headers[i + 1]).append('\n');
        }
        transcript.append('\n').append(body == null ? "" : body + "\n");
        HttpResponse<byte[]> response = send(request.build());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        transcript.append("\n=== response\n").append(response.statusCode()).append('\n');
        Map<String, List<String>> sorted = new TreeMap<>();
        response.headers().map().forEach((key, values) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            if (!lower.equals("date")) {
                sorted.put(lower, values);
            }
        });
        sorted.forEach((key, values) -> values.forEach(v -> transcript.append(key).append(": ").append(v).append('\n')));
        transcript.append('\n').append(text);
        check(name, transcript.toString());
        return text;
    }

    /** Exchanges whose answer differs from the recording, with the first differing line. */
    public List<String> mismatches() {
        if (!RECORDING) {
            try (var files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString().replaceFirst("\\.txt$", ""))
                        .filter(n -> !names.contains(n)).sorted()
                        .forEach(n -> mismatches.add(n + ": recorded, but no longer sent"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mismatches;
    }

    private void check(String name, String transcript) {
        Path file = dir.resolve(name + ".txt");
        try {
            if (RECORDING) {
                Files.createDirectories(dir);
                Files.writeString(file, transcript, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                mismatches.add(name + ": no recording (run with -Dgaldav.record-exchanges=true)");
                return;
            }
            String recorded = Files.readString(file, StandardCharsets.UTF_8);
            if (!recorded.equals(transcript)) {
                mismatches.add(name + ": " + firstDifference(recorded, transcript));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line that differs, around its first differing character (bodies are often one line). */
    private static String firstDifference(String recorded, String now) {
        String[] a = recorded.split("\n", -1);
        String[] b = now.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String was = i < a.length ? a[i] : "<end>";
            String is = i < b.length ? b[i] : "<end>";
            if (!was.equals(is)) {
                int at = 0;
                while (at < Math.min(was.length(), is.length()) && was.charAt(at) == is.charAt(at)) {
                    at++;
                }
                return "line " + (i + 1) + ", column " + (at + 1) + ": was [" + around(was, at) + "] is ["
                        + around(is, at) + "]";
            }
        }
        return "differs";
    }

    private static String around(String line, int at) {
        int from = Math.max(0, at - 60);
        int to = Math.min(line.length(), at + 60);
        return (from > 0 ? "..." : "") + line.substring(from, to) + (to < line.length() ? "..." : "");
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
