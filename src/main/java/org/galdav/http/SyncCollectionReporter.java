package org.galdav.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.namespace.QName;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.core.CardSummary;
import org.galdav.core.InvalidSyncTokenException;
import org.galdav.core.SyncAnswer;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.PropSelection;
import org.galdav.dav.ReportScope;
import org.galdav.dav.ResultLimit;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * {@code DAV:sync-collection} (RFC 6578): changed members with the requested properties, removed
 * members as bare 404 responses, a 507 for the book when the client's limit cut the answer short, and
 * the new token. Depth is accepted whatever it says (iOS and Thunderbird send 1, the RFC wants 0).
 */
final class SyncCollectionReporter implements Reporter<SyncCollectionReporter.Request> {
    private static final SupportedReport SUPPORTED = new SupportedReport(
            DavNames.SYNC_COLLECTION, ReportScope.SYNCHRONISABLE_ADDRESS_BOOK);
    private static final QName SYNC_LEVEL = new QName(DavNames.DAV, "sync-level");
    private static final QName LIMIT = new QName(DavNames.DAV, "limit");
    private static final QName NRESULTS = new QName(DavNames.DAV, "nresults");
    private static final QName VALID_SYNC_TOKEN = new QName(DavNames.DAV, "valid-sync-token");

    /**
     * RFC 6578 §3.2.
     *
     * @param token empty for the initial sync
     * @param limit the client's {@code DAV:limit/DAV:nresults}
     */
    record Request(PropSelection props, String token, OptionalInt limit) {
        Request {
            Objects.requireNonNull(props, "props");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(limit, "limit");
        }
    }

    @Override
    public SupportedReport supported() {
        return SUPPORTED;
    }

    /**
     * RFC 6578 §6.1: sync-token (possibly empty), sync-level 1 or infinite (a book has no
     * sub-collections, so both mean the same), optional limit, prop; children in any order.
     */
    @Override
    public Request parse(XmlElement root) {
        XmlElement token = root.child(DavNames.SYNC_TOKEN)
                .orElseThrow(() -> DavException.badRequest("sync-collection needs a sync-token element"));
        String level = root.child(SYNC_LEVEL).map(l -> l.text().trim()).orElse("1");
        if (!level.equals("1") && !level.equals("infinite")) {
            throw DavException.badRequest("sync-level must be 1 or infinite");
        }
        return new Request(PropSelection.parse(root), token.text().trim(),
                ResultLimit.parse(root.child(LIMIT).flatMap(l -> l.child(NRESULTS)), false));
    }

    @Override
    public void answer(Exchange exchange, Request request, Optional<AddressBook> targetBook) throws IOException {
        AddressBook book = targetBook.orElseThrow(); // present: the scope is an address book
        SyncAnswer answer;
        try {
            answer = book.sync().orElseThrow().changesSince(request.token(),
                    request.limit().orElse(Integer.MAX_VALUE));
        } catch (InvalidSyncTokenException e) {
            throw DavException.precondition(refusedTokenStatus(exchange.header("User-Agent")), VALID_SYNC_TOKEN,
                    e.getMessage());
        }
        String bookId = book.info().id();
        // Cards are looked up (to render them, or to know their length) a batch at a time: an initial sync
        // of 100,000 cards must not hold them all. The first batch before the answer starts, so that a
        // directory failure is still a clean 503.
        boolean needCards = request.props().addressData().isPresent()
                || request.props().names().contains(DavNames.GETCONTENTLENGTH);
        List<CardSummary> changed = answer.changed();
        Map<String, Card> first = needCards ? find(book, changed, 0) : Map.of();
        Responses.multistatus(exchange, out -> {
            for (int from = 0; from < changed.size(); from += ListingLengths.BATCH) {
                Map<String, Card> cards = from == 0 || !needCards ? first : find(book, changed, from);
                for (CardSummary summary : changed.subList(from, Math.min(changed.size(), from + ListingLengths.BATCH))) {
                    if (!needCards) {
                        out.properties(exchange.resources.card(bookId, summary, ListingLengths.UNASKED),
                                request.props().names());
                    } else if (cards.containsKey(summary.name())) {
                        Card card = cards.get(summary.name());
                        out.card(exchange.resources.card(bookId, card), card, request.props());
                    } else {
                        out.status(DavPaths.card(bookId, summary.name()), 404); // gone since the listing was taken
                    }
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

    /**
     * RFC 6578 §3.2 answers a token the server no longer knows with 403 DAV:valid-sync-token, and DAVx5,
     * iOS, Evolution and Outlook then sync afresh. Thunderbird's address book keeps retrying the same
     * token after a 403 and starts over (new token, full comparison of ETags) only after a 400, so it
     * gets 400 with the same precondition in the body.
     */
    private static int refusedTokenStatus(String userAgent) {
        return userAgent != null && userAgent.contains("Thunderbird/") ? 400 : 403;
    }

    /** The cards of one batch of the answer, from {@code from}. */
    private static Map<String, Card> find(AddressBook book, List<CardSummary> changed, int from) {
        return book.find(changed.subList(from, Math.min(changed.size(), from + ListingLengths.BATCH)).stream()
                .map(CardSummary::name).toList());
    }
}
