package org.galdav.http;

import java.util.Optional;
import org.galdav.core.AddressBook;
import org.galdav.dav.DavNames;
import org.galdav.dav.ReportScope;
import org.galdav.dav.SearchPropertySet;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * {@code DAV:principal-search-property-set} (RFC 3744 §9.5): a 200 listing the properties
 * principal-property-search accepts, so clients offer only those.
 */
final class PrincipalSearchPropertySetReporter implements Reporter<PrincipalSearchPropertySetReporter.Request> {
    private static final SupportedReport SUPPORTED = new SupportedReport(
            DavNames.PRINCIPAL_SEARCH_PROPERTY_SET, ReportScope.PRINCIPAL_COLLECTION);

    /** The body is an empty element: nothing to read. */
    record Request() {
    }

    @Override
    public SupportedReport supported() {
        return SUPPORTED;
    }

    @Override
    public Request parse(XmlElement root) {
        return new Request();
    }

    @Override
    public void answer(Exchange exchange, Request request, Optional<AddressBook> book) {
        Responses.xml(exchange.http, 200, SearchPropertySet.body());
    }
}
