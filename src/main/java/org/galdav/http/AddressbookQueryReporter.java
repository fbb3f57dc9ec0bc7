package org.galdav.http;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.namespace.QName;
import org.galdav.core.AddressBook;
import org.galdav.core.QueryOutcome;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.CardQuery;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.FilterLimits;
import org.galdav.dav.FilterParser;
import org.galdav.dav.PropSelection;
import org.galdav.dav.ReportScope;
import org.galdav.dav.ResultLimit;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * {@code CARDDAV:addressbook-query} (RFC 6352 §8.6): the cards matching a filter, streamed as the
 * book finds them, at most the smaller of the client's limit and the configured maximum; when more
 * matched, a 507 response for the book says so (§8.6.2). Also how directory gateways are searched. A filter
 * every card matches is an enumeration ({@link BookEnumeration}), answered in full.
 */
final class AddressbookQueryReporter implements Reporter<AddressbookQueryReporter.Request> {
    private static final SupportedReport SUPPORTED = new SupportedReport(
            new QName(DavNames.CARDDAV, "addressbook-query"), ReportScope.ADDRESS_BOOK);
    private static final QName LIMIT = new QName(DavNames.CARDDAV, "limit");
    private static final QName NRESULTS = new QName(DavNames.CARDDAV, "nresults");

    private final int maxResults;
    private final FilterLimits filterLimits;

    /** @param limit the client's {@code CARDDAV:limit} (RFC 6352 §8.6.1) */
    record Request(PropSelection props, CardFilter filter, OptionalInt limit) {
        Request {
            Objects.requireNonNull(props, "props");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(limit, "limit");
        }
    }

    AddressbookQueryReporter(int maxResults, FilterLimits filterLimits) {
        this.maxResults = maxResults;
        this.filterLimits = filterLimits;
    }

    @Override
    public SupportedReport supported() {
        return SUPPORTED;
    }

    @Override
    public Request parse(XmlElement root) {
        return new Request(PropSelection.parse(root), FilterParser.parse(root.child(DavNames.FILTER), filterLimits),
                ResultLimit.parse(root.child(LIMIT).flatMap(l -> l.child(NRESULTS)), true));
    }

    @Override
    public void answer(Exchange exchange, Request request, Optional<AddressBook> targetBook) throws IOException {
        AddressBook book = targetBook.orElseThrow(); // present: the scope is an address book
        if (request.filter().matchesEveryCard() && !book.info().directoryGateway()) {
            // A gateway is searched, never listed (RFC 6352 §6.4), so its enumerations stay capped searches.
            BookEnumeration.answer(exchange, book, request.props(), request.limit());
            return;
        }
        int limit = Math.min(request.limit().orElse(Integer.MAX_VALUE), maxResults);
        String bookId = book.info().id();
        Responses.multistatus(exchange, out -> {
            QueryOutcome outcome = book.query(new CardQuery(request.filter(), limit),
                    card -> out.card(exchange.resources.card(bookId, card), card, request.props()));
            if (outcome.truncated()) {
                // RFC 6352 §8.6.2: more matched than returned.
                out.status(DavPaths.book(bookId), 507, Optional.of(DavNames.NUMBER_OF_MATCHES_WITHIN_LIMITS));
            }
        });
    }
}
