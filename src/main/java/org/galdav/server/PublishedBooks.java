package org.galdav.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.galdav.book.ChangeTracker;
import org.galdav.cache.CachingAddressBook;
import org.galdav.config.BookSettings;
import org.galdav.config.Settings;
import org.galdav.core.AddressBook;
import org.galdav.core.TimeSource;
import org.galdav.sync.SnapshotStore;
import org.galdav.sync.SyncingAddressBook;

/**
 * Every configured book with the layers that serve it, outermost first: sync (RFC 6578), the change
 * tracker that keeps its listing current, the cache, the directory book. Books searched with each user's
 * own bind are cache and directory book per user, without sync: what each user sees differs, so tokens
 * could not be shared.
 *
 * @param entries each book with who may see it, in configuration order
 * @param shared  the books served to everyone alike, for the warm-up listing
 */
record PublishedBooks(List<ConfiguredBooks.Entry> entries, List<AddressBook> shared) {
    PublishedBooks {
        entries = List.copyOf(entries);
        shared = List.copyOf(shared);
    }

    /** @param listed told a book's id after each full listing by its change tracker (readiness) */
    static PublishedBooks build(Settings settings, DirectoryConnection directory, ServerMetrics metrics,
                                Consumer<String> listed, TimeSource time) {
        SnapshotStore states = new SnapshotStore(settings.sync().stateDir(), settings.sync().horizon(), time);
        List<ConfiguredBooks.Entry> entries = new ArrayList<>();
        List<AddressBook> shared = new ArrayList<>();
        metrics.pollInterval(settings.sync().pollInterval());
        for (BookSettings book : settings.books()) {
            BookAssembly assembly = new BookAssembly(book, directory, time);
            CachingAddressBook cached = new CachingAddressBook(assembly.ldap(), settings.cache(), time);
            if (book.bindAsUser()) {
                entries.add(new ConfiguredBooks.Entry(cached, book.allowedGroups(), Optional.of(
                        (user, password) -> assembly.viewOf(user, password, settings.cache().perUser()))));
                continue;
            }
            // A request waits for a due poll as long as for any directory answer, then answers from memory.
            ChangeTracker tracked = new ChangeTracker(cached, assembly.ldap(),
                    () -> assembly.changeFeed(settings.sync().changeTracking()), settings.sync().pollInterval(),
                    assembly.directory().requestTimeout(), time, new TrackerEvents(book.id(), cached, metrics, listed));
            AddressBook synced = new SyncingAddressBook(tracked, states, time);
            shared.add(synced);
            entries.add(new ConfiguredBooks.Entry(synced, book.allowedGroups(), Optional.empty()));
        }
        return new PublishedBooks(entries, shared);
    }
}
