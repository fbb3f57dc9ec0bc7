package org.galdav.it.ad;

import java.util.List;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;

/** The card hrefs of a book, from a Depth 1 PROPFIND. */
final class CardHrefs {
    private CardHrefs() {
    }

    static List<String> of(DavClient client, String book) {
        return Multistatus.parse(client.propfind(book, "1", Bodies.propfind("d:getetag")).body()).hrefs().stream()
                .filter(h -> !h.equals(book)).toList();
    }
}
