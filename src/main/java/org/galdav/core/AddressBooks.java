package org.galdav.core;

import java.util.List;
import java.util.Optional;

/** The address books a caller may see. */
public interface AddressBooks {

    /** Books visible to the principal, in display order. */
    List<AddressBook> visibleTo(Principal principal);

    /** A visible book by id. */
    default Optional<AddressBook> find(Principal principal, String id) {
        return visibleTo(principal).stream().filter(b -> b.info().id().equals(id)).findFirst();
    }
}
