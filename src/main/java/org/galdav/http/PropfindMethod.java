package org.galdav.http;

import java.io.IOException;
import java.util.Optional;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.PropfindRequest;
import org.galdav.dav.RequestParser;

/**
 * PROPFIND (RFC 4918 §9.1). Depth infinity is refused on collections with
 * {@code DAV:propfind-finite-depth} (§9.1.1): a book may hold 100,000 cards. A book's members are
 * streamed from the card source, never collected.
 */
final class PropfindMethod {
    private final Lookup lookup;

    PropfindMethod(Lookup lookup) {
        this.lookup = lookup;
    }

    void handle(Exchange exchange) throws IOException {
        PropfindRequest request = RequestParser.propfind(exchange.xmlBody());
        Exchange.Depth depth = exchange.depth(Exchange.Depth.INFINITY);
        DavPaths.Target target = exchange.target;
        if (depth == Exchange.Depth.INFINITY && !(target instanceof DavPaths.Target.Card)) {
            throw DavException.precondition(403, DavNames.PROPFIND_FINITE_DEPTH,
                    "Depth: infinity is not supported on collections; use Depth: 0 or 1");
        }
        boolean children = depth != Exchange.Depth.ZERO;
        // Resolve before the 207 starts, so a missing resource is a plain 404.
        Optional<AddressBook> book = lookup.bookOf(exchange);
        Optional<Card> card = exchange.target instanceof DavPaths.Target.Card c
                ? Optional.of(lookup.card(book.orElseThrow(), c.cardName())) : Optional.empty();
        Responses.multistatus(exchange, out -> {
            if (target instanceof DavPaths.Target.Root) {
                out.propfind(exchange.resources.root(), request);
                if (children) {
                    out.propfind(exchange.resources.principals(), request);
                    out.propfind(exchange.resources.home(), request);
                }
            } else if (target instanceof DavPaths.Target.Principals) {
                out.propfind(exchange.resources.principals(), request);
                if (children) {
                    out.propfind(exchange.resources.principal(exchange.principal, lookup.gateways(exchange)), request);
                }
            } else if (target instanceof DavPaths.Target.Principal p) {
                out.propfind(exchange.resources.principal(lookup.principalOf(exchange, p.login()),
                        lookup.gateways(exchange)), request);
            } else if (target instanceof DavPaths.Target.Home) {
                out.propfind(exchange.resources.home(), request);
                if (children) {
                    for (AddressBook b : lookup.visible(exchange)) {
                        // Directory gateways are found through the principal and searched, never listed.
                        if (!b.info().directoryGateway()) {
                            out.propfind(exchange.resources.book(b), request);
                        }
                    }
                }
            } else if (target instanceof DavPaths.Target.Book) {
                AddressBook b = book.orElseThrow();
                out.propfind(exchange.resources.book(b), request);
                if (children && !b.info().directoryGateway()) {
                    CardSink<CardSummary> listing = ListingLengths.to(b, exchange.resources,
                            request.asksFor(DavNames.GETCONTENTLENGTH), resource -> out.propfind(resource, request));
                    b.list(listing);
                    ListingLengths.finish(listing);
                }
            } else {
                out.propfind(exchange.resources.card(book.orElseThrow().info().id(), card.orElseThrow()), request);
            }
        });
    }
}
