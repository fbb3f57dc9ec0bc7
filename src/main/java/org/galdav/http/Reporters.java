package org.galdav.http;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.galdav.dav.SupportedReport;

/**
 * The registry: every REPORT this server answers, in the order {@code DAV:supported-report-set} lists
 * them (RFC 3253 §3.1.5). {@link ReportMethod} dispatches through it and {@link DavHandler} hands their
 * {@link SupportedReport}s to {@link org.galdav.dav.Resources}, so adding a reporter here is all it takes to answer and
 * advertise a new REPORT.
 */
final class Reporters {
    private final List<Reporter<?>> all;

    Reporters(Lookup lookup, int maxQueryResults, RequestLimits limits) {
        this.all = List.of(
                new AddressbookQueryReporter(maxQueryResults, limits.filter()),
                new AddressbookMultigetReporter(limits.maxMultigetHrefs()),
                new SyncCollectionReporter(),
                new PrincipalPropertySearchReporter(lookup, maxQueryResults, limits.filter()),
                new PrincipalSearchPropertySetReporter());
        Set<QName> names = new HashSet<>();
        for (Reporter<?> reporter : all) {
            if (!names.add(reporter.supported().name())) {
                throw new IllegalStateException("two reporters for " + reporter.supported().name());
            }
        }
    }

    List<Reporter<?>> all() {
        return all;
    }

    /** What supported-report-set is derived from, in registry order. */
    List<SupportedReport> supported() {
        return all.stream().map(Reporter::supported).toList();
    }

    /** The reporter for a REPORT body's root element; empty for reports this server does not know. */
    Optional<Reporter<?>> find(QName name) {
        return all.stream().filter(r -> r.supported().name().equals(name)).findFirst();
    }
}
