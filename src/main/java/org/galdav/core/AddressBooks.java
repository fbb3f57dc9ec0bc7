package org.galdav.core;

import java.util.List;
import java.util.Optional;

/** The address books a caller may see. */
public interface AddressBooks {

    /**
     * Books visible to the principal, in display order.
     *
     * @param credentials the caller's password, for books searched with the user's own bind
     */
    List<AddressBook> visibleTo(Principal principal, UserCredentials credentials);

    default List<AddressBook> visibleTo(Principal principal) {
        return visibleTo(principal, UserCredentials.NONE);
    }

    /** A visible book by id. */
    default Optional<AddressBook> find(Principal principal, UserCredentials credentials, String id) {
        return visibleTo(principal, credentials).stream().filter(b -> b.info().id().equals(id)).findFirst();
    }
}
