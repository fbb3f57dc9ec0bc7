package org.galdav.server;

import java.util.Optional;
import org.galdav.book.LdapAddressBook;
import org.galdav.cache.CacheSettings;
import org.galdav.cache.CachingAddressBook;
import org.galdav.config.BookSettings;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Principal;
import org.galdav.core.TimeSource;
import org.galdav.directory.ChangeFeed;
import org.galdav.directory.ChangeFeeds;
import org.galdav.directory.Directory;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.Mapping;
import org.galdav.mapping.MappingLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured book built on the directory: its mapping (with the book's own exclusions), its subtree,
 * and the uncached directory book. The server serves it and {@code galdav preview} reads entries through
 * it, so both render exactly the same cards. Immutable.
 *
 * @param ldap the book as the directory holds it, uncached
 */
record BookAssembly(BookSettings settings, BookInfo info, String base, EntryMapper mapper, Directory directory,
                    TimeSource time, LdapAddressBook ldap) {
    private static final Logger LOG = LoggerFactory.getLogger(BookAssembly.class);
    /** CARDDAV:max-resource-size (RFC 6352 §6.2.3): far above any card a directory entry becomes. */
    private static final long MAX_CARD_BYTES = 1024 * 1024;

    static BookAssembly of(BookSettings settings, DirectoryConnection connection, TimeSource time) {
        EntryMapper mapper = new EntryMapper(mappingFor(settings));
        BookInfo info = new BookInfo(settings.id(), settings.displayName(), settings.description(), MAX_CARD_BYTES,
                settings.directoryGateway());
        String base = settings.base(connection.baseDn());
        Directory directory = connection.directory();
        return new BookAssembly(settings, info, base, mapper, directory, time,
                new LdapAddressBook(info, directory, base, mapper, time));
    }

    /** A book's mapping with the book's own exclusions folded in. */
    static Mapping mappingFor(BookSettings settings) {
        Mapping mapping = MappingLoader.load(settings.mapping());
        return settings.excludeFilter().map(mapping::excluding).orElse(mapping);
    }

    /**
     * One user's view of a {@code bind-as-user} book: searched with their own bind, with small caches of
     * its own, since it holds only what that user reads.
     */
    AddressBook viewOf(Principal user, String password, CacheSettings perUser) {
        return new CachingAddressBook(new LdapAddressBook(info, directory.boundAs(user.dn(), password), base, mapper,
                time), perUser, time);
    }

    /** How the book follows directory changes; none when its cards show back-links (see docs/sync.md). */
    Optional<ChangeFeed> changeFeed(ChangeFeeds.Mode mode) {
        if (!mapper.mapping().backLinkAttributes().isEmpty()) {
            LOG.info("address book {} shows {}, which change tracking does not report on the member; its changes "
                    + "are found by comparing listings", info.id(), mapper.mapping().backLinkAttributes());
            return Optional.empty();
        }
        return ChangeFeeds.open(directory, base, mode);
    }
}
