package org.galdav.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.galdav.core.AddressBook;
import org.galdav.core.Card;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.PropSelection;
import org.galdav.dav.ReportScope;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * {@code CARDDAV:addressbook-multiget} (RFC 6352 §8.7): one response per requested href, in request
 * order; hrefs outside the book or without a card get a 404 response. All cards are looked up in one
 * call, so the book can fetch them in a few directory searches. A request naming more hrefs than the
 * configured maximum is refused with 413 (RFC 9110 §15.5.14: more content than the server is willing to
 * process) before any lookup; clients batch their multigets and can send the rest in further requests.
 */
final class AddressbookMultigetReporter implements Reporter<AddressbookMultigetReporter.Request> {
    private static final SupportedReport SUPPORTED = new SupportedReport(
            new QName(DavNames.CARDDAV, "addressbook-multiget"), ReportScope.ADDRESS_BOOK_OR_CARD);

    /** Hrefs as sent: absolute paths or URLs, percent-encoded or not (RFC 4918 §8.3). */
    record Request(PropSelection props, List<String> hrefs) {
        Request {
            Objects.requireNonNull(props, "props");
            hrefs = List.copyOf(hrefs);
        }
    }

    private final int maxHrefs;

    AddressbookMultigetReporter(int maxHrefs) {
        this.maxHrefs = maxHrefs;
    }

    @Override
    public SupportedReport supported() {
        return SUPPORTED;
    }

    @Override
    public Request parse(XmlElement root) {
        List<XmlElement> elements = root.children(DavNames.HREF);
        if (elements.size() > maxHrefs) {
            throw new DavException(413, "addressbook-multiget names " + elements.size() + " hrefs, more than "
                    + maxHrefs + "; ask for them in smaller batches");
        }
        List<String> hrefs = new ArrayList<>();
        for (XmlElement href : elements) {
            hrefs.add(href.text().trim());
        }
        return new Request(PropSelection.parse(root), hrefs);
    }

    @Override
    public void answer(Exchange exchange, Request request, Optional<AddressBook> targetBook) throws IOException {
        AddressBook book = targetBook.orElseThrow(); // present: the scope is an address book
        String bookId = book.info().id();
        Map<String, String> nameByHref = new LinkedHashMap<>();
        for (String href : request.hrefs()) {
            DavPaths.Target resolved = DavPaths.resolve(href);
            if (resolved instanceof DavPaths.Target.Card c && c.bookId().equals(bookId)) {
                nameByHref.put(href, c.cardName());
            } else {
                nameByHref.put(href, null);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        nameByHref.values().stream().filter(Objects::nonNull).forEach(names::add);
        Map<String, Card> cards = book.find(names);
        Responses.multistatus(exchange, out -> {
            for (Map.Entry<String, String> entry : nameByHref.entrySet()) {
                String href = entry.getKey();
                Card card = entry.getValue() == null ? null : cards.get(entry.getValue());
                if (card == null) {
                    out.status(href, 404);
                } else {
                    out.card(exchange.resources.card(bookId, card), card, request.props());
                }
            }
        });
    }
}
