package org.galdav.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Parses an HTTP Basic Authorization header (RFC 7617); credentials are UTF-8. */
final class BasicAuth {
    record Credentials(String login, String password) {
        @Override
        public String toString() {
            return "Credentials[login=" + login + "]";
        }
    }

    private BasicAuth() {
    }

    static Optional<Credentials> parse(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
