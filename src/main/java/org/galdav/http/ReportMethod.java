package org.galdav.http;

import java.io.IOException;
import java.util.Optional;
import org.galdav.core.AddressBook;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.RequestParser;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * REPORT (RFC 3253 §3.6): hands the body to the reporter registered for its root element, after
 * checking that the report is supported where it was sent. Unknown reports and reports sent outside
 * their scope are refused with 403 {@code DAV:supported-report}; there is no other way out, so no
 * request can end in an empty answer. Depth is ignored: clients send 0, 1 or nothing for the same
 * request.
 */
final class ReportMethod {
    private final Lookup lookup;
    private final Reporters reporters;

    ReportMethod(Lookup lookup, Reporters reporters) {
        this.lookup = lookup;
        this.reporters = reporters;
    }

    void handle(Exchange exchange) throws IOException {
        XmlElement root = RequestParser.reportRoot(exchange.xmlBody());
        Reporter<?> reporter = reporters.find(root.name()).orElseThrow(() -> DavException.precondition(403,
                DavNames.SUPPORTED_REPORT, "unsupported report " + root.name()));
        handle(exchange, reporter, root);
    }

    private <R> void handle(Exchange exchange, Reporter<R> reporter, XmlElement root) throws IOException {
        R request = reporter.parse(root);
        exchange.depth(Exchange.Depth.ZERO); // validates the header even though the value is not used
        DavPaths.Target target = reporter.target(request, exchange.target);
        // 404 for what does not exist (or the caller cannot see) comes before 403 for the wrong place.
        Optional<AddressBook> book = lookup.bookOf(exchange, target);
        SupportedReport supported = reporter.supported();
        if (!supported.scope().covers(target, book)) {
            throw DavException.precondition(403, DavNames.SUPPORTED_REPORT,
                    supported.name().getLocalPart() + " is only supported on " + supported.scope().description());
        }
        reporter.answer(exchange, request, book);
    }
}
