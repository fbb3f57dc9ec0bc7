package org.galdav.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.galdav.core.AddressBook;
import org.galdav.core.AddressBooks;
import org.galdav.core.Principal;
import org.galdav.core.SaltedHash;
import org.galdav.core.TimeSource;
import org.galdav.core.UserCredentials;
import org.galdav.directory.GroupMembership;

/**
 * The configured address books and who may see them: a book without allowed groups is visible to every
 * authenticated user; one with allowed groups only to their members (nested groups included). A book
 * the caller may not see does not exist for them (404), so its existence does not leak. Books that
 * search with the user's own bind get one instance (with its own caches) per user and password.
 */
final class ConfiguredBooks implements AddressBooks {
    /**
     * A book and the groups allowed to see it (empty: everyone).
     *
     * @param perUser for books searched with the user's own bind: builds the user's view of the book
     */
    record Entry(AddressBook book, List<String> allowedGroups,
                 Optional<BiFunction<Principal, String, AddressBook>> perUser) {
    }

    private final List<Entry> books;
    private final GroupMembership membership;
    private final Cache<String, AddressBook> userBooks;
    private final SaltedHash keys = new SaltedHash();

    ConfiguredBooks(List<Entry> books, GroupMembership membership, Duration userBookTtl, TimeSource time) {
        this.books = List.copyOf(books);
        this.membership = membership;
        // Bounded: each holds a user's caches (1/64 of the card memory, no kept listing).
        this.userBooks = Caffeine.newBuilder().ticker(time::nanoTime).expireAfterAccess(userBookTtl).maximumSize(64).build();
    }

    @Override
    public List<AddressBook> visibleTo(Principal principal, UserCredentials credentials) {
        List<AddressBook> visible = new ArrayList<>();
        for (Entry entry : books) {
            if (!mayRead(principal, entry)) {
                continue;
            }
            if (entry.perUser().isEmpty()) {
                visible.add(entry.book());
            } else if (!principal.isAnonymous() && credentials.isPresent() && !principal.dn().isEmpty()) {
                // Only a salted hash of the password becomes part of the key.
                String key = keys.of(entry.book().info().id(), principal.dn(), credentials.password());
                visible.add(userBooks.get(key, k -> entry.perUser().get().apply(principal, credentials.password())));
            }
        }
        return visible;
    }

    private boolean mayRead(Principal principal, Entry entry) {
        if (entry.allowedGroups().isEmpty()) {
            return true;
        }
        return !principal.isAnonymous()
                && entry.allowedGroups().stream().anyMatch(g -> membership.isMember(principal.dn(), g));
    }
}
