package org.galdav.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import org.galdav.core.Principal;
import org.galdav.core.UserCredentials;

/**
 * The port through which pages for people plug into the DAV front: asked after the Basic login, for the
 * requests {@link PageRequests} finds to come from a browser rather than a DAV client. Failures it throws
 * ({@link org.galdav.core.SourceUnavailableException}, {@link org.galdav.dav.DavException}, ...) are answered
 * by {@link DavHandler} like any other request's.
 */
public interface BrowserPages {
    /** No pages: every request is a DAV request. */
    BrowserPages NONE = (http, principal, credentials) -> {
        throw new org.galdav.dav.DavException(404, "not found");
    };

    /**
     * Answers a browser's request for the logged-in caller.
     *
     * @param credentials the caller's password, for books searched with the user's own bind
     */
    void serve(HttpServerExchange http, Principal principal, UserCredentials credentials) throws IOException;
}
