package org.galdav.dav;

import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * The declarative half of a REPORT: its element name and where it is supported. The reporters that
 * parse and answer REPORTs need the HTTP exchange, so they live in {@code http}; each holds one of
 * these, and their registry hands the list to {@link Resources}, which derives
 * {@code DAV:supported-report-set} (RFC 3253 §3.1.5) from it by the same {@link ReportScope} rule the
 * REPORT method enforces. {@code dav} thus never sees {@code http}, and a REPORT cannot be answered
 * without being advertised, or the other way round.
 *
 * @param name  the report's root element, e.g. {@code CARDDAV:addressbook-query}
 * @param scope the resources the report may be sent to
 */
public record SupportedReport(QName name, ReportScope scope) {
    public SupportedReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
    }
}
