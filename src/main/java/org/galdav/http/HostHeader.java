package org.galdav.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What of a request's {@code Host} (RFC 9110 §7.2), or a proxy's restatement of it, galdav may echo into a URL
 * it hands out (the setup page, the HTTPS redirect): a plain host name or a bracketed IP literal, with an
 * optional port. Anything else (markup, a path, user info, spaces) is refused, never echoed.
 */
public final class HostHeader {
    private static final String NAME = "[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?"
            + "|\\[[0-9A-Fa-f:.]+\\]";
    private static final Pattern PLAIN = Pattern.compile("(" + NAME + ")(:\\d{1,5})?");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");

    private HostHeader() {
    }

    /** The value, trimmed, when it is a plain host with an optional port; empty otherwise. */
    public static Optional<String> plain(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        return PLAIN.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    /** A {@link #plain} host without its port. */
    public static String withoutPort(String plainHost) {
        return PORT.matcher(plainHost).replaceFirst("");
    }
}
