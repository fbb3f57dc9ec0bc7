package org.galdav.http;

import static org.galdav.support.Multistatus.DAV;

import java.util.List;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;

/** Finds card hrefs and ETags through the protocol itself. */
final class CardTestSupport {
    static final String BOOK = "/addressbooks/directory/";

    private CardTestSupport() {
    }

    static List<Multistatus.Response> listing(DavClient client) {
        return Multistatus.parse(client.propfind(BOOK, "1", Bodies.propfind("d:getetag")).body()).responses().stream()
                .filter(r -> !r.href().equals(BOOK)).toList();
    }

    static String etag(Multistatus.Response response) {
        return response.okText(DAV, "getetag");
    }
}
