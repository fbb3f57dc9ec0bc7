package org.galdav.server;

import java.util.List;
import org.galdav.core.AddressBook;
import org.galdav.core.AddressBooks;
import org.galdav.core.Principal;
import org.galdav.directory.GroupMembership;

/**
 * The configured address books and who may see them: a book without allowed groups is visible to every
 * authenticated user; one with allowed groups only to their members (nested groups included). A book
 * the caller may not see does not exist for them (404), so its existence does not leak.
 */
final class ConfiguredBooks implements AddressBooks {
    /** A book and the groups allowed to see it (empty: everyone). */
    record Entry(AddressBook book, List<String> allowedGroups) {
    }

    private final List<Entry> books;
    private final GroupMembership membership;

    ConfiguredBooks(List<Entry> books, GroupMembership membership) {
        this.books = List.copyOf(books);
        this.membership = membership;
    }

    @Override
    public List<AddressBook> visibleTo(Principal principal) {
        return books.stream().filter(e -> mayRead(principal, e)).map(Entry::book).toList();
    }

    private boolean mayRead(Principal principal, Entry entry) {
        if (entry.allowedGroups().isEmpty()) {
            return true;
        }
        return !principal.isAnonymous()
                && entry.allowedGroups().stream().anyMatch(g -> membership.isMember(principal.dn(), g));
    }
}
