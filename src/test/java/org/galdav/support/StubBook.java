package org.galdav.support;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.QueryOutcome;
import org.galdav.core.query.CardQuery;

/** An empty address book for tests to override what they need: no cards, no matches, a fixed ctag. */
public class StubBook implements AddressBook {
    private final BookInfo info;

    public StubBook(String id) {
        this(new BookInfo(id, id, "", 1_000_000));
    }

    public StubBook(BookInfo info) {
        this.info = info;
    }

    @Override
    public BookInfo info() {
        return info;
    }

    @Override
    public String ctag() {
        return "ctag";
    }

    @Override
    public void scan(CardSink<Card> sink) throws IOException {
    }

    @Override
    public Map<String, Card> find(Collection<String> names) {
        return Map.of();
    }

    @Override
    public QueryOutcome query(CardQuery query, CardSink<Card> sink) throws IOException {
        return new QueryOutcome(0, false);
    }
}
