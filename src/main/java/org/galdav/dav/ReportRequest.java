package org.galdav.dav;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.namespace.QName;
import org.galdav.core.PrincipalSearch;
import org.galdav.core.query.CardFilter;

/** The REPORTs this server answers, parsed. */
public sealed interface ReportRequest {

    /** The properties wanted for each card, with {@code address-data} pulled out. */
    PropSelection props();

    /** {@code DAV:prop} of a REPORT; address-data is present when the client asked for vCard content. */
    record PropSelection(List<QName> names, Optional<AddressDataRequest> addressData) {
        public PropSelection {
            names = List.copyOf(names);
            Objects.requireNonNull(addressData, "addressData");
        }
    }

    /** RFC 6352 §8.7. Hrefs as sent (absolute paths or URLs, encoded or not). */
    record Multiget(PropSelection props, List<String> hrefs) implements ReportRequest {
        public Multiget {
            hrefs = List.copyOf(hrefs);
        }
    }

    /** RFC 6352 §8.6. */
    record Query(PropSelection props, CardFilter filter, OptionalInt limit) implements ReportRequest {
    }

    /**
     * RFC 3744 §9.4, with Apple's {@code test} and {@code match-type} extensions. Conditions on
     * properties that cannot be searched are kept as {@code null} fields: they match nothing.
     */
    record PrincipalPropertySearch(PropSelection props, List<PrincipalSearch> conditions, boolean allOf,
                                   boolean unsearchable, boolean applyToPrincipalCollectionSet) implements ReportRequest {
        public PrincipalPropertySearch {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * RFC 6578 §3.2. An empty token asks for the initial sync; the limit is DAV:limit/DAV:nresults.
     */
    record SyncCollection(PropSelection props, String token, OptionalInt limit) implements ReportRequest {
    }

    /** RFC 3744 §9.5. */
    record PrincipalSearchPropertySet() implements ReportRequest {
        public PropSelection props() {
            return new PropSelection(List.of(), Optional.empty());
        }
    }
}
