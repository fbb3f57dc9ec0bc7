package org.galdav.http;

import java.io.IOException;
import java.util.Optional;
import org.galdav.core.AddressBook;
import org.galdav.dav.DavPaths;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * One REPORT (RFC 3253 §3.6), whole: its element name and scope ({@link #supported()}, from which
 * {@code DAV:supported-report-set} is derived), how its body becomes its own request record, and how
 * it answers. {@link ReportMethod} checks the scope before {@link #answer}, so a reporter never answers
 * where it is not advertised. {@link Reporters} lists them all.
 *
 * @param <R> the parsed request
 */
interface Reporter<R> {

    /** The report's root element and where it is supported. */
    SupportedReport supported();

    /**
     * Reads the body whose root element is the report's name. Unknown elements are ignored (RFC 4918 §17).
     *
     * @throws org.galdav.dav.DavException 400 for a malformed body, 403 with a precondition for what
     *                                     this server cannot answer
     */
    R parse(XmlElement root);

    /**
     * The resource the report applies to: the request URI's, unless the request names another, as
     * {@code DAV:apply-to-principal-collection-set} does (RFC 3744 §9.4).
     */
    default DavPaths.Target target(R request, DavPaths.Target requestUri) {
        return requestUri;
    }

    /**
     * Answers a request within the report's scope.
     *
     * @param book the target's address book: present for every scope but the principal collection
     */
    void answer(Exchange exchange, R request, Optional<AddressBook> book) throws IOException;
}
