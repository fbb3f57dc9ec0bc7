package org.galdav.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.schema.Schema;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardProperty;
import org.galdav.core.TimeSource;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.CardQuery;
import org.galdav.directory.Directory;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.SearchObserver;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.MappingLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random directories × random filters over real LDAP: the server's answer (LDAP pre-selection plus
 * card check) must equal a plain reference evaluation of every card, and the LDAP filter must never
 * reject an entry whose card the reference accepts.
 */
class DifferentialQueryTest {
    private static final int QUERIES_PER_DIRECTORY = 150;

    /** 12 directories by default; -Dgaldav.differential.seeds=500 for a longer hunt. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, Long.getLong("galdav.differential.seeds", 12));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void serverAnswersEqualTheReference(long seed) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(RandomDirectory.BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0,
                null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        for (Entry entry : RandomDirectory.entries(seed, 60)) {
            // entryUUID is NO-USER-MODIFICATION; the control loads it as generated, so runs are reproducible.
            com.unboundid.ldap.sdk.AddRequest add = new com.unboundid.ldap.sdk.AddRequest(entry);
            add.addControl(new com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl());
            server.add(add);
        }
        server.startListening();
        LdapSettings settings = new LdapSettings(List.of("ldap://127.0.0.1:" + server.getListenPort()), "", "", false,
                Optional.empty(), Optional.empty(), 2, 25, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5), new org.galdav.directory.LdapTimeouts(Duration.ofSeconds(5),
                        Duration.ofMillis(500), Duration.ofSeconds(1)));
        try (Directory directory = Directory.connect(settings, SearchObserver.NONE, TimeSource.SYSTEM)) {
            // The shipped mapping plus rules with literal text around values (src/test/resources/mappings).
            EntryMapper mapper = new EntryMapper(MappingLoader.load(java.nio.file.Path.of(
                    "src/test/resources/mappings/differential.conf")));
            LdapAddressBook book = new LdapAddressBook(new BookInfo("random", "Random", "", 1 << 20), directory,
                    RandomDirectory.BASE, mapper, TimeSource.SYSTEM);
            Map<String, Card> all = new HashMap<>();
            book.scan(card -> all.put(card.name(), card));
            Map<String, Entry> entries = new HashMap<>();
            for (Entry entry : server.getEntry(RandomDirectory.BASE) == null ? List.<Entry>of()
                    : server.search(RandomDirectory.BASE, com.unboundid.ldap.sdk.SearchScope.SUB, "(objectClass=*)",
                    "*", "+").getSearchEntries()) {
                mapper.idOf(entry).ifPresent(id -> entries.put(id + ".vcf", entry));
            }
            assertThat(all).hasSize(63);
            Schema schema = server.getSchema();
            List<List<CardProperty>> properties = all.values().stream().map(Card::properties).toList();
            RandomQueries queries = new RandomQueries(seed * 7919, properties);
            int nonEmpty = 0;
            for (int i = 0; i < QUERIES_PER_DIRECTORY; i++) {
                CardFilter filter = queries.next();
                TreeSet<String> expected = new TreeSet<>();
                all.forEach((name, card) -> {
                    if (ReferenceMatcher.matches(filter, card.properties())) {
                        expected.add(name);
                    }
                });
                CardQuery query = new CardQuery(filter, Integer.MAX_VALUE);
                TreeSet<String> actual = new TreeSet<>();
                book.query(query, card -> actual.add(card.name()));
                if (!actual.equals(expected)) {
                    TreeSet<String> missing = new TreeSet<>(expected);
                    missing.removeAll(actual);
                    TreeSet<String> extra = new TreeSet<>(actual);
                    extra.removeAll(expected);
                    StringBuilder detail = new StringBuilder();
                    for (String name : missing) {
                        detail.append("\nmissing ").append(name).append(' ').append(all.get(name).properties());
                    }
                    for (String name : extra) {
                        detail.append("\nextra ").append(name).append(' ').append(all.get(name).properties());
                    }
                    throw new AssertionError("seed " + seed + " query " + i + ": " + filter + "\nLDAP filter "
                            + book.ldapFilterFor(query) + detail);
                }
                Filter ldap = book.ldapFilterFor(query);
                for (String name : expected) {
                    assertThat(ldap.matchesEntry(entries.get(name), schema))
                            .as("LDAP filter %s rejects %s for %s", ldap, name, filter).isTrue();
                }
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty).as("the generator must produce queries that match something").isGreaterThan(40);
        } finally {
            server.shutDown(true);
        }
    }

}
