package org.galdav.http;

import org.galdav.dav.DavPaths;

/**
 * Which requests get a page instead of a DAV answer. A person opening the server's URL (or any collection's)
 * in a browser gets the setup page; a DAV client never does. Browsers name {@code text/html} in their
 * {@code Accept} header; no DAV client does: DAVx5 asks for {@code text/vcard}, iOS and macOS, Thunderbird,
 * vdirsyncer (python-requests) and curl send {@code *}{@code /*}, Evolution (libsoup) sends none. So only an
 * explicit {@code text/html} (or {@code application/xhtml+xml}) with a non-zero q-value (RFC 9110 §12.5.1)
 * selects the page, and only for GET and HEAD of a collection; a card stays a vCard for everyone.
 * Everything under {@link #PREFIX} belongs to the pages (the QR code, the profile, the guides, the style sheet).
 */
public final class PageRequests {
    /** The pages' own resources; no DAV resource lives there (see {@link DavPaths}). */
    public static final String PREFIX = "/setup/";

    private PageRequests() {
    }

    /** Whether the request is for the pages rather than for DAV. */
    static boolean forPages(String method, String path, String accept) {
        if (path.startsWith(PREFIX) || path.equals(PREFIX.substring(0, PREFIX.length() - 1))) {
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        DavPaths.Target target = DavPaths.resolve(path);
        boolean collection = target instanceof DavPaths.Target.Root || target instanceof DavPaths.Target.Principals
                || target instanceof DavPaths.Target.Principal || target instanceof DavPaths.Target.Home
                || target instanceof DavPaths.Target.Book;
        return collection && asksForHtml(accept);
    }

    /** An Accept header that names HTML explicitly and does not refuse it with q=0. */
    static boolean asksForHtml(String accept) {
        return MediaRange.parse(accept).stream().anyMatch(range -> (range.type().equals("text/html")
                || range.type().equals("application/xhtml+xml")) && range.quality() > 0);
    }
}
