package org.galdav.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSummary;
import org.galdav.core.InvalidSyncTokenException;
import org.galdav.core.SyncAnswer;
import org.galdav.core.Principal;
import org.galdav.core.QueryOutcome;
import org.galdav.core.query.CardQuery;
import org.galdav.dav.AddressDataRequest;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.MultistatusWriter;
import org.galdav.dav.PropValue;
import org.galdav.dav.ReportRequest;
import org.galdav.dav.RequestParser;
import org.galdav.dav.SearchPropertySet;

/**
 * REPORT: addressbook-multiget (RFC 6352 §8.7) and addressbook-query (§8.6). Depth is ignored: clients
 * send 0, 1 or nothing for the same request, and the book is the only sensible scope.
 */
final class ReportMethod {
    private final Lookup lookup;
    private final int maxQueryResults;

    ReportMethod(Lookup lookup, int maxQueryResults) {
        this.lookup = lookup;
        this.maxQueryResults = maxQueryResults;
    }

    void handle(Exchange exchange) throws IOException {
        ReportRequest request = RequestParser.report(exchange.xmlBody());
        exchange.depth(Exchange.Depth.ZERO); // validates the header even though the value is not used
        if (request instanceof ReportRequest.PrincipalSearchPropertySet
                || request instanceof ReportRequest.PrincipalPropertySearch) {
            principalReport(exchange, request);
            return;
        }
        Optional<AddressBook> book = lookup.bookOf(exchange);
        if (book.isEmpty()) {
            throw DavException.precondition(403, DavNames.SUPPORTED_REPORT,
                    "this report is only supported on address books");
        }
        if (request instanceof ReportRequest.Multiget multiget) {
            multiget(exchange, book.get(), multiget);
        } else if (request instanceof ReportRequest.SyncCollection sync) {
            syncCollection(exchange, book.get(), sync);
        } else if (request instanceof ReportRequest.Query query) {
            if (!(exchange.target instanceof DavPaths.Target.Book)) {
                throw DavException.precondition(403, DavNames.SUPPORTED_REPORT,
                        "addressbook-query is only supported on address books");
            }
            query(exchange, book.get(), query);
        }
    }

    private void multiget(Exchange exchange, AddressBook book, ReportRequest.Multiget request) throws IOException {
        String bookId = book.info().id();
        Map<String, String> nameByHref = new LinkedHashMap<>();
        for (String href : request.hrefs()) {
            DavPaths.Target target = DavPaths.resolve(href);
            if (target instanceof DavPaths.Target.Card c && c.bookId().equals(bookId)) {
                nameByHref.put(href, c.cardName());
            } else {
                nameByHref.put(href, null);
            }
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        nameByHref.values().stream().filter(n -> n != null).forEach(names::add);
        Map<String, Card> cards = book.find(names);
        Responses.multistatus(exchange, out -> {
            for (Map.Entry<String, String> entry : nameByHref.entrySet()) {
                String href = entry.getKey();
                Card card = entry.getValue() == null ? null : cards.get(entry.getValue());
                if (card == null) {
                    out.status(href, 404);
                } else {
                    writeCard(exchange, out, bookId, card, request.props());
                }
            }
        });
    }

    private void query(Exchange exchange, AddressBook book, ReportRequest.Query request) throws IOException {
        int limit = Math.min(request.limit().orElse(Integer.MAX_VALUE), maxQueryResults);
        String bookId = book.info().id();
        Responses.multistatus(exchange, out -> {
            QueryOutcome outcome = book.query(new CardQuery(request.filter(), limit),
                    card -> writeCard(exchange, out, bookId, card, request.props()));
            if (outcome.truncated()) {
                // RFC 6352 §8.6.2: more matched than returned.
                out.status(DavPaths.book(bookId), 507, Optional.of(DavNames.NUMBER_OF_MATCHES_WITHIN_LIMITS));
            }
        });
    }

    /**
     * RFC 6578 §3.2 answers a token the server no longer knows with 403 DAV:valid-sync-token, and DAVx5,
     * iOS, Evolution and Outlook then sync afresh. Thunderbird's address book keeps retrying the same
     * token after a 403 and starts over (new token, full comparison of ETags) only after a 400, so it
     * gets 400 with the same precondition in the body.
     */
    static int refusedTokenStatus(String userAgent) {
        return userAgent != null && userAgent.contains("Thunderbird/") ? 400 : 403;
    }

    /**
     * RFC 6578: changed members with the requested properties, removed members as bare 404 responses,
     * a 507 for the book when the client's limit cut the answer short, and the new token. Depth is
     * accepted whatever it says (iOS and Thunderbird send 1, the RFC wants 0).
     */
    private void syncCollection(Exchange exchange, AddressBook book, ReportRequest.SyncCollection request)
            throws IOException {
        if (!(exchange.target instanceof DavPaths.Target.Book) || book.sync().isEmpty()
                || book.info().directoryGateway()) {
            throw DavException.precondition(403, DavNames.SUPPORTED_REPORT,
                    "sync-collection is only supported on synchronisable address books");
        }
        SyncAnswer answer;
        try {
            answer = book.sync().get().changesSince(request.token(), request.limit().orElse(Integer.MAX_VALUE));
        } catch (InvalidSyncTokenException e) {
            throw DavException.precondition(refusedTokenStatus(exchange.header("User-Agent")), DavNames.VALID_SYNC_TOKEN,
                    e.getMessage());
        }
        String bookId = book.info().id();
        boolean needCards = request.props().addressData().isPresent();
        Map<String, Card> cards = needCards
                ? book.find(answer.changed().stream().map(CardSummary::name).toList()) : Map.of();
        Responses.multistatus(exchange, out -> {
            for (CardSummary summary : answer.changed()) {
                if (!needCards) {
                    out.properties(exchange.resources.card(bookId, summary), request.props().names(), Map.of());
                } else if (cards.containsKey(summary.name())) {
                    writeCard(exchange, out, bookId, cards.get(summary.name()), request.props());
                } else {
                    out.status(DavPaths.card(bookId, summary.name()), 404); // gone since the listing was taken
                }
            }
            for (String removed : answer.removed()) {
                out.status(DavPaths.card(bookId, removed), 404);
            }
            if (answer.truncated()) {
                out.status(DavPaths.book(bookId), 507, Optional.of(DavNames.NUMBER_OF_MATCHES_WITHIN_LIMITS));
            }
            out.syncToken(answer.token());
        });
    }

    /** RFC 3744 §9.4 and §9.5, on the principal collection. */
    private void principalReport(Exchange exchange, ReportRequest request) throws IOException {
        boolean applyToPrincipals = request instanceof ReportRequest.PrincipalPropertySearch search
                && search.applyToPrincipalCollectionSet();
        if (!(exchange.target instanceof DavPaths.Target.Principals) && !applyToPrincipals) {
            lookup.bookOf(exchange);
            throw DavException.precondition(403, DavNames.SUPPORTED_REPORT,
                    "principal reports are supported on " + DavPaths.PRINCIPALS);
        }
        if (request instanceof ReportRequest.PrincipalSearchPropertySet) {
            Responses.xml(exchange.http, 200, SearchPropertySet.body());
            return;
        }
        ReportRequest.PrincipalPropertySearch search = (ReportRequest.PrincipalPropertySearch) request;
        List<Principal> found = search.conditions().isEmpty() || (search.unsearchable() && search.allOf())
                ? List.of() : lookup.principals().search(search.conditions(), search.allOf(), maxQueryResults + 1);
        List<BookInfo> gateways = lookup.gateways(exchange);
        Responses.multistatus(exchange, out -> {
            for (Principal principal : found.subList(0, Math.min(found.size(), maxQueryResults))) {
                out.properties(exchange.resources.principal(principal, gateways), search.props().names(), Map.of());
            }
            if (found.size() > maxQueryResults) {
                out.status(DavPaths.PRINCIPALS, 507, Optional.of(DavNames.NUMBER_OF_MATCHES_WITHIN_LIMITS));
            }
        });
    }

    private static void writeCard(Exchange exchange, MultistatusWriter out, String bookId, Card card,
                                  ReportRequest.PropSelection props) throws IOException {
        List<QName> names = new ArrayList<>(props.names());
        Map<QName, PropValue> extra = new LinkedHashMap<>();
        if (props.addressData().isPresent()) {
            AddressDataRequest data = props.addressData().get();
            byte[] bytes = card.render(data.format(), data.selection());
            extra.put(DavNames.ADDRESS_DATA, PropValue.text(new String(bytes, StandardCharsets.UTF_8)));
            names.add(DavNames.ADDRESS_DATA);
        }
        out.properties(exchange.resources.card(bookId, card.summary()), names, extra);
    }
}
