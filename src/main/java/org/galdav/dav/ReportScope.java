package org.galdav.dav;

import java.util.Optional;
import org.galdav.core.AddressBook;

/**
 * Where a REPORT may be sent: a rule over the resource a request URI addresses. The REPORT method
 * refuses a report outside its scope with 403 {@code DAV:supported-report} (RFC 3253 §3.6), and
 * {@link Resources} lists in a resource's {@code DAV:supported-report-set} (RFC 3253 §3.1.5) exactly
 * the reports whose scope covers it, so what is advertised and what is answered cannot drift apart.
 */
public enum ReportScope {
    /** The principal collection (RFC 3744 §9.4, §9.5). */
    PRINCIPAL_COLLECTION("the principal collection"),
    /** Address book collections, directory gateways included (RFC 6352 §8.6). */
    ADDRESS_BOOK("address books"),
    /** Address book collections and their cards (RFC 6352 §8.7: on a card, the card itself). */
    ADDRESS_BOOK_OR_CARD("address books and their cards"),
    /** Address books that can be synchronised (RFC 6578 §3): see {@link #synchronisable}. */
    SYNCHRONISABLE_ADDRESS_BOOK("synchronisable address books");

    private final String description;

    ReportScope(String description) {
        this.description = description;
    }

    /**
     * @param target what the request URI addresses
     * @param book   the target's book, present for books and cards
     */
    public boolean covers(DavPaths.Target target, Optional<AddressBook> book) {
        return switch (this) {
            case PRINCIPAL_COLLECTION -> target instanceof DavPaths.Target.Principals;
            case ADDRESS_BOOK -> target instanceof DavPaths.Target.Book;
            case ADDRESS_BOOK_OR_CARD -> target instanceof DavPaths.Target.Book
                    || target instanceof DavPaths.Target.Card;
            case SYNCHRONISABLE_ADDRESS_BOOK -> target instanceof DavPaths.Target.Book
                    && book.filter(ReportScope::synchronisable).isPresent();
        };
    }

    /** For messages: "sync-collection is only supported on " + description. */
    public String description() {
        return description;
    }

    /**
     * The one sync rule: a book can be synchronised when its source tracks changes, unless it is a
     * directory gateway, which clients search and never list or sync
     * (draft-daboo-carddav-directory-gateway-02 §4).
     */
    private static boolean synchronisable(AddressBook book) {
        return book.sync().isPresent() && !book.info().directoryGateway();
    }
}
