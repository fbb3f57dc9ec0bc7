package org.galdav.dav;

import java.util.Objects;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;

/** A {@code CARDDAV:address-data} element in a REPORT's prop: which format and which vCard properties. */
public record AddressDataRequest(CardFormat format, PropertySelection selection) {
    public AddressDataRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(selection, "selection");
    }
}
