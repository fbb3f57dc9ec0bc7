package org.galdav.sync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.core.InvalidSyncTokenException;

/**
 * A sync token (RFC 6578 §3.2, a URI): {@code http://galdav.org/ns/sync/<book>/<content hash>}. It names
 * the book's content, not a time or a counter, so equal content gives equal tokens on every instance
 * and after restarts.
 *
 * @param book the book's id
 * @param id   the {@link org.galdav.core.ContentHash} of the content the client holds
 */
record SyncToken(String book, String id) {
    static final String PREFIX = "http://galdav.org/ns/sync/";
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX)
            + "([A-Za-z0-9._-]{1,64})/([A-Za-z0-9_-]{22})");

    /**
     * A client's token for a book.
     *
     * @throws InvalidSyncTokenException when it is not a token, or another book's
     */
    static SyncToken parse(String text, String book) throws InvalidSyncTokenException {
        Matcher m = SHAPE.matcher(text.trim());
        if (!m.matches() || !m.group(1).equals(book)) {
            throw new InvalidSyncTokenException("not a token of this book");
        }
        return new SyncToken(m.group(1), m.group(2));
    }

    /** The token as clients see it. */
    String uri() {
        return PREFIX + book + "/" + id;
    }
}
