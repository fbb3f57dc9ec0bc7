package org.galdav.http;

import java.util.List;
import java.util.Optional;
import org.galdav.core.AddressBook;
import org.galdav.core.AddressBooks;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.Principal;
import org.galdav.core.Principals;
import org.galdav.dav.DavException;
import org.galdav.dav.DavPaths;

/**
 * Finds what a request addresses, answering 404 for anything the caller cannot see (a book the
 * caller may not read looks exactly like one that does not exist).
 */
final class Lookup {
    private final AddressBooks books;
    private final Principals principals;

    Lookup(AddressBooks books, Principals principals) {
        this.books = books;
        this.principals = principals;
    }

    /** The principal a principal target names: the caller's own, or another user who exists. */
    Principal principalOf(Exchange exchange, String login) {
        if (login.equals(exchange.principal.login())) {
            return exchange.principal;
        }
        return principals.find(login).orElseThrow(() -> new DavException(404, "no such principal"));
    }

    Principals principals() {
        return principals;
    }

    /** Books published as directory gateways that the caller may see. */
    List<BookInfo> gateways(Exchange exchange) {
        return visible(exchange).stream().map(AddressBook::info).filter(BookInfo::directoryGateway).toList();
    }

    List<AddressBook> visible(Exchange exchange) {
        return books.visibleTo(exchange.principal, exchange.credentials);
    }

    /** Checks that the request's target exists; returns its book for books and cards. */
    Optional<AddressBook> bookOf(Exchange exchange) {
        return bookOf(exchange, exchange.target);
    }

    /** Checks that a target exists for the caller; returns its book for books and cards. */
    Optional<AddressBook> bookOf(Exchange exchange, DavPaths.Target target) {
        if (target instanceof DavPaths.Target.Book b) {
            return Optional.of(book(exchange, b.bookId()));
        }
        if (target instanceof DavPaths.Target.Card c) {
            return Optional.of(book(exchange, c.bookId()));
        }
        if (target instanceof DavPaths.Target.Principal p) {
            principalOf(exchange, p.login());
        }
        if (target instanceof DavPaths.Target.Unknown) {
            throw new DavException(404, "not found");
        }
        return Optional.empty();
    }

    AddressBook book(Exchange exchange, String id) {
        return books.find(exchange.principal, exchange.credentials, id).orElseThrow(() -> new DavException(404, "no such address book"));
    }

    /** The card a card target names; 404 when it does not exist. */
    Card card(AddressBook book, String name) {
        return Optional.ofNullable(book.find(List.of(name)).get(name))
                .orElseThrow(() -> new DavException(404, "no such card"));
    }
}
