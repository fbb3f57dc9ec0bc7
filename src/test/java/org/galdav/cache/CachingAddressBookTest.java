package org.galdav.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.QueryOutcome;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardQuery;
import org.junit.jupiter.api.Test;

/** A change tracker's forget() must win over a read that began before the change. */
class CachingAddressBookTest {

    /** A directory whose card changes while a lookup of it is under way. */
    private static final class ChangingBook implements AddressBook {
        final AtomicInteger lookups = new AtomicInteger();
        Runnable duringLookup = () -> { };
        volatile String etag = "old";

        public BookInfo info() {
            return new BookInfo("b", "B", "", 1_000_000);
        }

        public String ctag() {
            return "c";
        }

        public void scan(CardSink<Card> sink) {
        }

        public Map<String, Card> find(Collection<String> names) {
            lookups.incrementAndGet();
            Card read = new TestCard("a.vcf", etag); // read before the change...
            etag = "new";
            duringLookup.run(); // ...which the tracker reports before this lookup returns
            Map<String, Card> found = new HashMap<>();
            found.put("a.vcf", read);
            return found;
        }

        public QueryOutcome query(CardQuery query, CardSink<Card> sink) {
            return new QueryOutcome(0, false);
        }
    }

    @Test
    void aLookupThatOverlapsAChangeDoesNotCacheTheOldCard() {
        ChangingBook book = new ChangingBook();
        CachingAddressBook cached = new CachingAddressBook(book, new CacheSettings(Duration.ofHours(1), 1_000_000,
                1_000, Duration.ofMinutes(5), 10, false), TimeSource.SYSTEM);
        book.duringLookup = () -> cached.forget(List.of("a.vcf"));

        assertThat(cached.find(List.of("a.vcf")).get("a.vcf").summary().etag()).isEqualTo("\"old\"");
        book.duringLookup = () -> { };
        assertThat(cached.find(List.of("a.vcf")).get("a.vcf").summary().etag()).isEqualTo("\"new\"");
        assertThat(book.lookups.get()).isEqualTo(2);
        // Without changes the card is kept.
        assertThat(cached.find(List.of("a.vcf")).get("a.vcf").summary().etag()).isEqualTo("\"new\"");
        assertThat(book.lookups.get()).isEqualTo(2);
    }
}
