package org.galdav.dav;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The URL layout, in one place:
 * <pre>
 *   /                              service root (RFC 6764 context path)
 *   /principals/                   principal collection (RFC 3744 §5.8)
 *   /principals/{login}/           a user's principal
 *   /addressbooks/                 address book home, shared by all users (RFC 6352 §7.1.1)
 *   /addressbooks/{book}/          an address book collection
 *   /addressbooks/{book}/{card}    an address object resource, "{id}.vcf"
 * </pre>
 * Segments are percent-encoded on output; incoming paths are accepted encoded or not (RFC 4918 §8.3).
 */
public final class DavPaths {
    public static final String ROOT = "/";
    public static final String PRINCIPALS = "/principals/";
    public static final String HOME = "/addressbooks/";
    public static final String WELL_KNOWN = "/.well-known/carddav";

    private DavPaths() {
    }

    public static String principal(String login) {
        return PRINCIPALS + encode(login) + "/";
    }

    public static String book(String bookId) {
        return HOME + encode(bookId) + "/";
    }

    public static String card(String bookId, String cardName) {
        return book(bookId) + encode(cardName);
    }

    /** What a request path (or a DAV:href, absolute URL or path) points at. */
    public static Target resolve(String pathOrUrl) {
        String path = pathOrUrl;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            try {
                path = URI.create(path).getRawPath();
            } catch (IllegalArgumentException e) {
                return new Target.Unknown();
            }
            if (path == null || path.isEmpty()) {
                path = "/";
            }
        }
        Optional<String> decoded = decode(path);
        if (decoded.isEmpty() || !decoded.get().startsWith("/")) {
            return new Target.Unknown();
        }
        String p = decoded.get();
        boolean slash = p.endsWith("/");
        String[] parts = p.substring(1).split("/", -1);
        int n = slash ? parts.length - 1 : parts.length;
        if (p.equals("/")) {
            return new Target.Root();
        }
        for (int i = 0; i < n; i++) {
            if (parts[i].isEmpty() || parts[i].equals(".") || parts[i].equals("..")) {
                return new Target.Unknown();
            }
        }
        if (n == 1 && parts[0].equals("principals")) {
            return new Target.Principals();
        }
        if (n == 2 && parts[0].equals("principals")) {
            return new Target.Principal(parts[1]);
        }
        if (n == 1 && parts[0].equals("addressbooks")) {
            return new Target.Home();
        }
        if (n == 2 && parts[0].equals("addressbooks")) {
            return new Target.Book(parts[1]);
        }
        if (n == 3 && parts[0].equals("addressbooks") && !slash) {
            return new Target.Card(parts[1], parts[2]);
        }
        return new Target.Unknown();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters and a few safe sub-delims. */
    public static String encode(String segment) {
        if (segment.chars().allMatch(DavPaths::unreserved)) {
            return segment; // the usual card name: nothing to escape, nothing to copy
        }
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (unreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean unreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '@' || c == '+';
    }

    /** Decodes %XX escapes as UTF-8; empty for malformed escapes or bytes that are not UTF-8. */
    static Optional<String> decode(String path) {
        if (path.indexOf('%') < 0) {
            return Optional.of(path);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else {
                int cp = path.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp) - 1;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(
                    ByteBuffer.wrap(out.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A resolved request target. */
    public sealed interface Target {
        record Root() implements Target { }
        record Principals() implements Target { }
        record Principal(String login) implements Target { }
        record Home() implements Target { }
        record Book(String bookId) implements Target { }
        record Card(String bookId, String cardName) implements Target { }
        record Unknown() implements Target { }
    }
}
