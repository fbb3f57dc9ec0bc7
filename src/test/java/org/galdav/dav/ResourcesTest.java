package org.galdav.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.Principal;
import org.galdav.core.QueryOutcome;
import org.galdav.core.SyncAnswer;
import org.galdav.core.Syncable;
import org.galdav.core.query.CardQuery;
import org.galdav.support.StubBook;
import org.junit.jupiter.api.Test;

/**
 * {@code DAV:supported-report-set} comes from the report registry the server is given, by the same
 * scope rule the REPORT method enforces, in registry order; {@code DAV:sync-token} goes with
 * sync-collection (RFC 6578 §4).
 */
class ResourcesTest {
    private static final SupportedReport FIRST_ON_PRINCIPALS = report("a", ReportScope.PRINCIPAL_COLLECTION);
    private static final SupportedReport BOOKS = report("b", ReportScope.ADDRESS_BOOK);
    private static final SupportedReport SYNC =
            new SupportedReport(DavNames.SYNC_COLLECTION, ReportScope.SYNCHRONISABLE_ADDRESS_BOOK);
    private static final SupportedReport BOOKS_AND_CARDS = report("c", ReportScope.ADDRESS_BOOK_OR_CARD);
    private static final SupportedReport SECOND_ON_PRINCIPALS = report("d", ReportScope.PRINCIPAL_COLLECTION);

    private final Resources resources = new Resources(new Principal("demo", "Demo", List.of()), "galdav",
            List.of(FIRST_ON_PRINCIPALS, BOOKS, SYNC, BOOKS_AND_CARDS, SECOND_ON_PRINCIPALS));

    @Test
    void eachResourceListsTheReportsWhoseScopeCoversItInRegistryOrder() throws XMLStreamException {
        assertThat(reportSet(resources.principals())).containsExactly(FIRST_ON_PRINCIPALS.name(),
                SECOND_ON_PRINCIPALS.name());
        assertThat(reportSet(resources.book(book(false, true)))).containsExactly(BOOKS.name(), SYNC.name(),
                BOOKS_AND_CARDS.name());
        assertThat(reportSet(resources.book(book(false, false)))).containsExactly(BOOKS.name(), BOOKS_AND_CARDS.name());
        assertThat(reportSet(resources.book(book(true, true)))).containsExactly(BOOKS.name(), BOOKS_AND_CARDS.name());
        assertThat(reportSet(resources.principal(new Principal("demo", "Demo", List.of())))).isEmpty();
        assertThat(reportSet(resources.home())).isEmpty();
        assertThat(resources.root().properties().get(DavNames.SUPPORTED_REPORT_SET)).isEmpty();
    }

    @Test
    void onlyBooksThatSupportSyncCollectionHaveASyncToken() {
        assertThat(resources.book(book(false, true)).properties().get(DavNames.SYNC_TOKEN)).isPresent();
        assertThat(resources.book(book(false, false)).properties().get(DavNames.SYNC_TOKEN)).isEmpty();
        assertThat(resources.book(book(true, true)).properties().get(DavNames.SYNC_TOKEN)).isEmpty();
        Resources withoutSync = new Resources(new Principal("demo", "Demo", List.of()), "galdav", List.of(BOOKS));
        assertThat(withoutSync.book(book(false, true)).properties().get(DavNames.SYNC_TOKEN)).isEmpty();
    }

    @Test
    void scopesFollowTheTargetAndTheSyncRule() {
        DavPaths.Target book = new DavPaths.Target.Book("b");
        DavPaths.Target card = new DavPaths.Target.Card("b", "x.vcf");
        assertThat(ReportScope.ADDRESS_BOOK.covers(card, Optional.of(book(false, true)))).isFalse();
        assertThat(ReportScope.ADDRESS_BOOK_OR_CARD.covers(card, Optional.of(book(false, true)))).isTrue();
        assertThat(ReportScope.SYNCHRONISABLE_ADDRESS_BOOK.covers(card, Optional.of(book(false, true)))).isFalse();
        assertThat(ReportScope.SYNCHRONISABLE_ADDRESS_BOOK.covers(book, Optional.of(book(false, true)))).isTrue();
        assertThat(ReportScope.SYNCHRONISABLE_ADDRESS_BOOK.covers(book, Optional.of(book(true, true)))).isFalse();
        assertThat(ReportScope.PRINCIPAL_COLLECTION.covers(new DavPaths.Target.Principal("demo"), Optional.empty()))
                .isFalse();
    }

    private static SupportedReport report(String local, ReportScope scope) {
        return new SupportedReport(new QName("urn:test", local), scope);
    }

    /** The report element names inside a resource's supported-report-set. */
    private static List<QName> reportSet(DavResource resource) throws XMLStreamException {
        PropValue value = resource.properties().get(DavNames.SUPPORTED_REPORT_SET).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter w = Xml.writer(out);
        Xml.root(w, DavNames.SUPPORTED_REPORT_SET);
        value.write(w);
        w.writeEndElement();
        w.close();
        return XmlParser.parse(out.toByteArray()).children(DavNames.SUPPORTED_REPORT).stream()
                .map(s -> s.child(DavNames.REPORT).orElseThrow().children().get(0).name()).toList();
    }

    private static AddressBook book(boolean gateway, boolean syncs) {
        BookInfo info = new BookInfo("b", "Book", "", 1000, gateway);
        Syncable sync = new Syncable() {
            @Override
            public String currentToken() {
                return "urn:token";
            }

            @Override
            public SyncAnswer changesSince(String token, int limit) {
                throw new UnsupportedOperationException();
            }
        };
        return new StubBook(info) {
            @Override
            public QueryOutcome query(CardQuery query, CardSink<Card> sink) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Syncable> sync() {
                return syncs ? Optional.of(sync) : Optional.empty();
            }
        };
    }
}
