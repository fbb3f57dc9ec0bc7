package org.galdav.dav;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;

/**
 * The {@code DAV:prop} of a REPORT: the properties wanted for each resource, with
 * {@code CARDDAV:address-data} pulled out, present when the client asked for vCard content.
 */
public record PropSelection(List<QName> names, Optional<AddressDataRequest> addressData) {
    public PropSelection {
        names = List.copyOf(names);
        Objects.requireNonNull(addressData, "addressData");
    }

    /**
     * Reads the {@code DAV:prop} child of a REPORT's root element.
     *
     * @throws DavException 403 {@code CARDDAV:supported-address-data} for address data this server
     *                      cannot produce, 400 for a malformed {@code CARDDAV:prop}
     */
    public static PropSelection parse(XmlElement report) {
        Optional<XmlElement> prop = report.child(DavNames.PROP);
        if (prop.isEmpty()) {
            // RFC 6352 §8.6/§8.7 make DAV:prop optional; without it the client gets etags only.
            return new PropSelection(List.of(DavNames.GETETAG), Optional.empty());
        }
        List<QName> names = new ArrayList<>();
        Optional<AddressDataRequest> addressData = Optional.empty();
        for (XmlElement child : prop.get().children()) {
            if (child.is(DavNames.ADDRESS_DATA)) {
                addressData = Optional.of(addressData(child));
            } else if (!names.contains(child.name())) {
                names.add(child.name());
            }
        }
        return new PropSelection(names, addressData);
    }

    /** RFC 6352 §10.4: content-type defaults to text/vcard, version to 3.0. */
    private static AddressDataRequest addressData(XmlElement element) {
        String contentType = element.attribute("content-type").orElse("text/vcard").trim();
        if (!contentType.equalsIgnoreCase("text/vcard")) {
            throw DavException.precondition(403, DavNames.SUPPORTED_ADDRESS_DATA,
                    "unsupported address-data content-type " + contentType);
        }
        String version = element.attribute("version").orElse("3.0");
        CardFormat format = CardFormat.forVersion(version).orElseThrow(() -> DavException.precondition(403,
                DavNames.SUPPORTED_ADDRESS_DATA, "unsupported address-data version " + version));
        List<XmlElement> props = element.children(DavNames.CARD_PROP);
        if (element.child(DavNames.CARD_ALLPROP).isPresent() || props.isEmpty()) {
            return new AddressDataRequest(format, PropertySelection.ALL);
        }
        Set<String> withValue = new LinkedHashSet<>();
        Set<String> withoutValue = new LinkedHashSet<>();
        for (XmlElement prop : props) {
            String name = prop.attribute("name").orElseThrow(
                    () -> DavException.badRequest("CARDDAV:prop needs a name attribute"));
            boolean novalue = prop.attribute("novalue").map("yes"::equals).orElse(false);
            (novalue ? withoutValue : withValue).add(name);
        }
        return new AddressDataRequest(format, PropertySelection.of(withValue, withoutValue));
    }
}
