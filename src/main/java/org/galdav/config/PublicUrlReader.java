package org.galdav.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code http.public-url}: the address people and clients reach galdav at when it differs from the listen
 * address (a reverse proxy, another host name or port). An absolute http or https URL of a host's root: every
 * DAV path galdav writes is absolute from the root ({@code /addressbooks/...}), so galdav cannot live below a
 * path prefix.
 */
final class PublicUrlReader {
    private static final String KEY = "http.public-url";

    private PublicUrlReader() {
    }

    static Optional<URI> publicUrl(Config c) {
        if (!c.hasPath(KEY) || c.getString(KEY).isBlank()) {
            return Optional.empty();
        }
        String text = c.getString(KEY).trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw problem(text, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw problem(text, "must be an absolute http:// or https:// URL with a host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw problem(text, "must not have a user, a query or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            throw problem(text, "must be the root of its host (galdav's paths start at /), not " + path);
        }
        try {
            return Optional.of(new URI(scheme, null, uri.getHost(), uri.getPort(), "/", null, null));
        } catch (URISyntaxException e) {
            throw problem(text, "is not a URL");
        }
    }

    private static ConfigError problem(String value, String what) {
        return new ConfigError("configuration: key '" + KEY + "' " + what + ": '" + value + "'");
    }
}
