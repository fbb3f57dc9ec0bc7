package org.galdav.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.ContentHash;
import org.galdav.core.QueryOutcome;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.SyncAnswer;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers from the in-memory steps between recent versions must equal answers computed from the stored
 * states: after random additions, changes, removals and flips back to earlier content, every token ever
 * handed out (also partial ones from limits) leads exactly to the current content.
 */
class SyncingAddressBookTest {
    @TempDir
    Path state;

    /** A book whose content the test sets; it counts full listings. */
    private static final class Book implements AddressBook {
        final Map<String, String> etags = new TreeMap<>();
        final AtomicInteger listings = new AtomicInteger();
        /** A ctag that lags behind the content (a cache), when set. */
        String laggingCtag;
        /** The directory below is down and nothing holds the listing. */
        boolean down;

        public BookInfo info() {
            return new BookInfo("b", "B", "", 1_000_000);
        }

        public String ctag() {
            if (down) {
                throw new SourceUnavailableException("directory down", null);
            }
            return laggingCtag != null ? laggingCtag : ctagOf(etags);
        }

        public void list(CardSink<CardSummary> sink) throws java.io.IOException {
            if (down) {
                throw new SourceUnavailableException("directory down", null);
            }
            listings.incrementAndGet();
            for (Map.Entry<String, String> e : etags.entrySet()) {
                sink.accept(new CardSummary(e.getKey(), "\"" + e.getValue() + "\"", Optional.empty()));
            }
        }

        public void scan(CardSink<Card> sink) {
        }

        public Map<String, Card> find(Collection<String> names) {
            return Map.of();
        }

        public QueryOutcome query(CardQuery query, CardSink<Card> sink) {
            return new QueryOutcome(0, false);
        }
    }

    static String ctagOf(Map<String, String> etags) {
        Map<String, String> quoted = new TreeMap<>();
        etags.forEach((name, etag) -> quoted.put(name, etag.startsWith("\"") ? etag : "\"" + etag + "\""));
        return ContentHash.ctagOf(quoted);
    }

    @Test
    void whenTheBookCannotSayTheLastVersionAnswers() throws Exception {
        Book book = new Book();
        book.etags.put("a.vcf", "1");
        book.etags.put("b.vcf", "1");
        SyncingAddressBook syncing = new SyncingAddressBook(book,
                new SnapshotStore(state, Duration.ofDays(60), TimeSource.SYSTEM), TimeSource.SYSTEM);
        String token = syncing.currentToken();
        SyncAnswer first = syncing.changesSince("", Integer.MAX_VALUE);
        book.down = true;

        assertThat(syncing.currentToken()).isEqualTo(token);
        SyncAnswer again = syncing.changesSince(token, Integer.MAX_VALUE);
        assertThat(again.changed()).isEmpty();
        assertThat(again.removed()).isEmpty();
        assertThat(again.token()).isEqualTo(token);
        assertThat(syncing.changesSince("", Integer.MAX_VALUE).changed()).isEqualTo(first.changed());
    }

    @Test
    void withNoVersionYetTheOutageIsTheRequests() {
        Book book = new Book();
        book.down = true;
        SyncingAddressBook syncing = new SyncingAddressBook(book,
                new SnapshotStore(state, Duration.ofDays(60), TimeSource.SYSTEM), TimeSource.SYSTEM);
        org.assertj.core.api.Assertions.assertThatThrownBy(syncing::currentToken)
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void everyTokenLeadsExactlyToTheCurrentContent() throws Exception {
        Book book = new Book();
        SnapshotStore store = new SnapshotStore(state, Duration.ofDays(60), TimeSource.SYSTEM);
        SyncingAddressBook syncing = new SyncingAddressBook(book, store, TimeSource.SYSTEM);
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            book.etags.put("c" + i + ".vcf", "v0");
        }
        // token -> the content the client has once it applied the answer that carried the token
        Map<String, Map<String, String>> tokens = new HashMap<>();
        Map<String, String> first = new TreeMap<>();
        tokens.put(apply(first, syncing.changesSince("", Integer.MAX_VALUE)), first);
        assertThat(first).hasSize(40);
        List<Map<String, String>> earlier = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            if (round % 7 == 6 && !earlier.isEmpty()) {
                book.etags.clear(); // back to an earlier content: its token id appears twice in history
                book.etags.putAll(earlier.get(random.nextInt(earlier.size())));
            } else {
                for (int change = 0; change < 1 + random.nextInt(5); change++) {
                    String name = "c" + random.nextInt(50) + ".vcf";
                    if (random.nextInt(4) == 0) {
                        book.etags.remove(name);
                    } else {
                        book.etags.put(name, "v" + round);
                    }
                }
            }
            earlier.add(new TreeMap<>(book.etags));
            List<Map.Entry<String, Map<String, String>>> sample = new ArrayList<>(tokens.entrySet());
            java.util.Collections.shuffle(sample, random);
            for (Map.Entry<String, Map<String, String>> known : sample.subList(0, Math.min(12, sample.size()))) {
                Map<String, String> client = new TreeMap<>(known.getValue());
                String token = known.getKey();
                SyncAnswer answer;
                do { // with a small limit now and then, continuing from the partial tokens
                    answer = syncing.changesSince(token, random.nextInt(3) == 0 ? 2 : Integer.MAX_VALUE);
                    token = apply(client, answer);
                    tokens.putIfAbsent(token, new TreeMap<>(client));
                } while (answer.truncated());
                assertThat(quoted(client)).as("from %s in round %d", known.getKey(), round).isEqualTo(quoted(book.etags));
            }
        }
        // A new instance on the same state directory (no history in memory) answers the same.
        SyncingAddressBook restarted = new SyncingAddressBook(book, store, TimeSource.SYSTEM);
        List<Map.Entry<String, Map<String, String>>> all = new ArrayList<>(tokens.entrySet());
        java.util.Collections.shuffle(all, random);
        for (Map.Entry<String, Map<String, String>> known : all.subList(0, Math.min(30, all.size()))) {
            Map<String, String> client = new TreeMap<>(known.getValue());
            apply(client, restarted.changesSince(known.getKey(), Integer.MAX_VALUE));
            assertThat(quoted(client)).isEqualTo(quoted(book.etags));
        }
    }

    @Test
    void aRecentTokenNeedsNoListingWhileNothingChanges() throws Exception {
        Book book = new Book();
        book.etags.put("a.vcf", "1");
        SyncingAddressBook syncing = new SyncingAddressBook(book,
                new SnapshotStore(state, Duration.ofDays(60), TimeSource.SYSTEM), TimeSource.SYSTEM);
        String token = syncing.changesSince("", Integer.MAX_VALUE).token();
        int listings = book.listings.get();
        for (int i = 0; i < 5; i++) {
            SyncAnswer answer = syncing.changesSince(token, Integer.MAX_VALUE);
            assertThat(answer.changed()).isEmpty();
            assertThat(answer.token()).isEqualTo(token);
            assertThat(syncing.currentToken()).isEqualTo(token);
        }
        assertThat(book.listings.get()).isEqualTo(listings);
    }

    @Test
    void aCtagThatLagsBehindTheListingNeverPinsAWrongVersion() throws Exception {
        Book book = new Book();
        book.etags.put("a.vcf", "0");
        SyncingAddressBook syncing = new SyncingAddressBook(book,
                new SnapshotStore(state, Duration.ofDays(60), TimeSource.SYSTEM), TimeSource.SYSTEM);
        syncing.changesSince("", Integer.MAX_VALUE);
        Map<String, String> one = Map.of("a.vcf", "1");
        book.etags.put("a.vcf", "2");
        book.laggingCtag = ctagOf(one); // the ctag still names content "1" while the listing shows "2"
        Map<String, String> client = new TreeMap<>();
        String token = apply(client, syncing.changesSince("", Integer.MAX_VALUE));
        assertThat(client).containsEntry("a.vcf", "\"2\"");
        book.etags.put("a.vcf", "1"); // back to "1": now the ctag is right
        book.laggingCtag = null;
        apply(client, syncing.changesSince(token, Integer.MAX_VALUE));
        assertThat(client).containsEntry("a.vcf", "\"1\"");
    }

    /** Applies an answer to a client's copy (name -> quoted ETag); returns the answer's token. */
    private static String apply(Map<String, String> client, SyncAnswer answer) {
        answer.removed().forEach(client::remove);
        answer.changed().forEach(c -> client.put(c.name(), c.etag()));
        return answer.token();
    }

    private static Map<String, String> quoted(Map<String, String> etags) {
        Map<String, String> out = new TreeMap<>();
        etags.forEach((name, etag) -> out.put(name, etag.startsWith("\"") ? etag : "\"" + etag + "\""));
        return out;
    }
}
