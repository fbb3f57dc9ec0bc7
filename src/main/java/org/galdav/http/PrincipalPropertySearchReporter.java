package org.galdav.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Principal;
import org.galdav.core.PrincipalSearch;
import org.galdav.core.query.MatchType;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.FilterLimits;
import org.galdav.dav.PropSelection;
import org.galdav.dav.ReportScope;
import org.galdav.dav.SearchPropertySet;
import org.galdav.dav.SupportedReport;
import org.galdav.dav.XmlElement;

/**
 * {@code DAV:principal-property-search} (RFC 3744 §9.4), with Apple's {@code test} and
 * {@code match-type} extensions: the principals whose searchable properties match, at most the
 * configured maximum, then a 507 response when more matched. How iOS and macOS find colleagues.
 */
final class PrincipalPropertySearchReporter implements Reporter<PrincipalPropertySearchReporter.Request> {
    private static final SupportedReport SUPPORTED = new SupportedReport(
            new QName(DavNames.DAV, "principal-property-search"), ReportScope.PRINCIPAL_COLLECTION);
    private static final QName PROPERTY_SEARCH = new QName(DavNames.DAV, "property-search");
    private static final QName MATCH = new QName(DavNames.DAV, "match");
    private static final QName APPLY_TO_PRINCIPAL_COLLECTION_SET =
            new QName(DavNames.DAV, "apply-to-principal-collection-set");

    private final Lookup lookup;
    private final int maxResults;
    private final FilterLimits limits;

    /**
     * @param allOf        every condition must match (the default), or any ({@code test="anyof"})
     * @param unsearchable some condition names a property that cannot be searched: it matches nothing
     * @param applyToPrincipalCollectionSet search the principal collection whatever the request URI
     */
    record Request(PropSelection props, List<PrincipalSearch> conditions, boolean allOf, boolean unsearchable,
                   boolean applyToPrincipalCollectionSet) {
        Request {
            Objects.requireNonNull(props, "props");
            conditions = List.copyOf(conditions);
        }
    }

    /** @param limits the longest search text and the most conditions, as for addressbook-query */
    PrincipalPropertySearchReporter(Lookup lookup, int maxResults, FilterLimits limits) {
        this.lookup = lookup;
        this.maxResults = maxResults;
        this.limits = limits;
    }

    @Override
    public SupportedReport supported() {
        return SUPPORTED;
    }

    @Override
    public Request parse(XmlElement root) {
        boolean allOf = !"anyof".equals(root.attribute("test").orElse("allof"));
        List<PrincipalSearch> conditions = new ArrayList<>();
        boolean unsearchable = false;
        for (XmlElement search : root.children(PROPERTY_SEARCH)) {
            XmlElement match = search.child(MATCH)
                    .orElseThrow(() -> DavException.badRequest("property-search needs a match element"));
            MatchType type;
            try {
                type = MatchType.parse(match.attribute("match-type").orElse("contains"));
            } catch (IllegalArgumentException e) {
                throw DavException.badRequest(e.getMessage());
            }
            String text = match.text();
            // RFC 3744 §9.4 names no precondition for these: a plain 400, as for other malformed searches.
            if (text.codePointCount(0, text.length()) > limits.maxTextLength()) {
                throw DavException.badRequest("search text longer than " + limits.maxTextLength() + " characters");
            }
            for (XmlElement prop : search.child(DavNames.PROP).map(XmlElement::children).orElse(List.of())) {
                Optional<PrincipalSearch.Field> field = SearchPropertySet.field(prop.name());
                if (field.isPresent()) {
                    if (conditions.size() == limits.maxTextMatches()) {
                        throw DavException.badRequest("more than " + limits.maxTextMatches() + " search conditions");
                    }
                    conditions.add(new PrincipalSearch(field.get(), text, type));
                } else {
                    unsearchable = true;
                }
            }
        }
        if (conditions.isEmpty() && !unsearchable) {
            throw DavException.badRequest("principal-property-search needs at least one property-search");
        }
        return new Request(PropSelection.parse(root), conditions, allOf, unsearchable,
                root.child(APPLY_TO_PRINCIPAL_COLLECTION_SET).isPresent());
    }

    /** RFC 3744 §9.4: apply-to-principal-collection-set searches the principal collection instead. */
    @Override
    public DavPaths.Target target(Request request, DavPaths.Target requestUri) {
        return request.applyToPrincipalCollectionSet() ? new DavPaths.Target.Principals() : requestUri;
    }

    @Override
    public void answer(Exchange exchange, Request request, Optional<AddressBook> book) throws IOException {
        List<Principal> found = request.conditions().isEmpty() || (request.unsearchable() && request.allOf())
                ? List.of() : lookup.principals().search(request.conditions(), request.allOf(), maxResults + 1);
        List<BookInfo> gateways = lookup.gateways(exchange);
        Responses.multistatus(exchange, out -> {
            for (Principal principal : found.subList(0, Math.min(found.size(), maxResults))) {
                out.properties(exchange.resources.principal(principal, gateways), request.props().names());
            }
            if (found.size() > maxResults) {
                out.status(DavPaths.PRINCIPALS, 507, Optional.of(DavNames.NUMBER_OF_MATCHES_WITHIN_LIMITS));
            }
        });
    }
}
