package org.galdav.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded demo's second book: its people again, published as a directory gateway (RFC 6352 §6.4),
 * searched and never listed, so that a demo shows both behaviours clients meet (iOS and macOS search a
 * gateway but do not list it). Added after the configured books unless one of them has its id already.
 */
final class DemoGateway {
    static final String ID = "search";

    private DemoGateway() {
    }

    static List<BookSettings> withGateway(List<BookSettings> books) {
        if (books.stream().anyMatch(b -> b.id().equals(ID) || b.directoryGateway())) {
            return books;
        }
        BookSettings first = books.get(0);
        List<BookSettings> all = new ArrayList<>(books);
        all.add(new BookSettings(ID, "Company directory (search)",
                "Search the whole company directory (search only: not listed or synced)", first.baseDn(),
                first.mapping(), true, Optional.empty(), List.of(), false));
        return List.copyOf(all);
    }
}
