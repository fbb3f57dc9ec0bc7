package org.galdav.server;

import java.util.List;
import org.galdav.core.AddressBook;
import org.galdav.core.AddressBooks;
import org.galdav.core.Principal;

/** The configured address books; every authenticated caller sees all of them. */
final class ConfiguredBooks implements AddressBooks {
    private final List<AddressBook> books;

    ConfiguredBooks(List<AddressBook> books) {
        this.books = List.copyOf(books);
    }

    @Override
    public List<AddressBook> visibleTo(Principal principal) {
        return books;
    }
}
