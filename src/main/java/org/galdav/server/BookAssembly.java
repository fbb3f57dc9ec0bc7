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
 * it, so both render exactly the same cards.
 */
final class BookAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(BookAssembly.class);
    /** CARDDAV:max-resource-size (RFC 6352 §6.2.3): far above any card a directory entry becomes. */
    private static final long MAX_CARD_BYTES = 1024 * 1024;

    private final BookSettings settings;
    private final BookInfo info;
    private final String base;
    private final EntryMapper mapper;
    private final Directory directory;
    private final TimeSource time;
    private final LdapAddressBook ldap;

    BookAssembly(BookSettings settings, DirectoryConnection connection, TimeSource time) {
        this.settings = settings;
        this.mapper = new EntryMapper(mappingFor(settings));
        this.info = new BookInfo(settings.id(), settings.displayName(), settings.description(), MAX_CARD_BYTES,
                settings.directoryGateway());
        this.base = settings.base(connection.baseDn());
        this.directory = connection.directory();
        this.time = time;
        this.ldap = new LdapAddressBook(info, directory, base, mapper, time);
    }

    BookSettings settings() {
        return settings;
    }

    BookInfo info() {
        return info;
    }

    /** The subtree the book publishes. */
    String base() {
        return base;
    }

    Mapping mapping() {
        return mapper.mapping();
    }

    Directory directory() {
        return directory;
    }

    /** The book as the directory holds it, uncached. */
    LdapAddressBook ldap() {
        return ldap;
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
