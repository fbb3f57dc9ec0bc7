package org.galdav.dav;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.xml.namespace.QName;
import org.galdav.core.CardFormat;
import org.galdav.core.PrincipalSearch;
import org.galdav.core.PropertySelection;
import org.galdav.core.query.MatchType;

/** Turns PROPFIND and REPORT bodies into request records. Unknown elements are ignored (RFC 4918 §17). */
public final class RequestParser {
    private static final int MAX_NRESULTS = Integer.MAX_VALUE;

    private RequestParser() {
    }

    /** An empty body means allprop (RFC 4918 §9.1). */
    public static PropfindRequest propfind(byte[] body) {
        if (isBlank(body)) {
            return PropfindRequest.ALLPROP;
        }
        XmlElement root = XmlParser.parse(body);
        if (!root.is(DavNames.PROPFIND)) {
            throw DavException.badRequest("PROPFIND body must be DAV:propfind, got " + root.name());
        }
        if (root.child(DavNames.PROPNAME).isPresent()) {
            return new PropfindRequest(PropfindRequest.Kind.PROPNAME, List.of());
        }
        Optional<XmlElement> prop = root.child(DavNames.PROP);
        if (prop.isPresent()) {
            return new PropfindRequest(PropfindRequest.Kind.PROP, names(prop.get()));
        }
        if (root.child(DavNames.ALLPROP).isPresent()) {
            List<QName> include = root.child(DavNames.INCLUDE).map(RequestParser::names).orElse(List.of());
            return new PropfindRequest(PropfindRequest.Kind.ALLPROP, include);
        }
        throw DavException.badRequest("DAV:propfind needs one of prop, allprop or propname");
    }

    /**
     * @throws DavException 400 for malformed bodies, 403 with a precondition for unsupported reports,
     *                      address data types, collations or filters
     */
    public static ReportRequest report(byte[] body) {
        if (isBlank(body)) {
            throw DavException.badRequest("REPORT needs a body");
        }
        XmlElement root = XmlParser.parse(body);
        if (root.is(DavNames.ADDRESSBOOK_MULTIGET)) {
            List<String> hrefs = new ArrayList<>();
            for (XmlElement href : root.children(DavNames.HREF)) {
                hrefs.add(href.text().trim());
            }
            return new ReportRequest.Multiget(props(root), hrefs);
        }
        if (root.is(DavNames.ADDRESSBOOK_QUERY)) {
            return new ReportRequest.Query(props(root), FilterParser.parse(root.child(DavNames.FILTER)), limit(root));
        }
        if (root.is(DavNames.SYNC_COLLECTION)) {
            return syncCollection(root);
        }
        if (root.is(DavNames.PRINCIPAL_PROPERTY_SEARCH)) {
            return principalPropertySearch(root);
        }
        if (root.is(DavNames.PRINCIPAL_SEARCH_PROPERTY_SET)) {
            return new ReportRequest.PrincipalSearchPropertySet();
        }
        throw DavException.precondition(403, DavNames.SUPPORTED_REPORT, "unsupported report " + root.name());
    }

    /**
     * RFC 6578 §6.1: sync-token (possibly empty), sync-level 1 or infinite (a book has no sub-collections,
     * so both mean the same), optional limit, prop; children in any order.
     */
    private static ReportRequest.SyncCollection syncCollection(XmlElement root) {
        XmlElement token = root.child(DavNames.SYNC_TOKEN)
                .orElseThrow(() -> DavException.badRequest("sync-collection needs a sync-token element"));
        String level = root.child(DavNames.SYNC_LEVEL).map(l -> l.text().trim()).orElse("1");
        if (!level.equals("1") && !level.equals("infinite")) {
            throw DavException.badRequest("sync-level must be 1 or infinite");
        }
        OptionalInt limit = OptionalInt.empty();
        Optional<XmlElement> nresults = root.child(DavNames.DAV_LIMIT).flatMap(l -> l.child(DavNames.DAV_NRESULTS));
        if (nresults.isPresent()) {
            try {
                long value = Long.parseLong(nresults.get().text().trim());
                if (value < 1) {
                    throw DavException.badRequest("nresults must be a positive integer");
                }
                limit = OptionalInt.of((int) Math.min(value, Integer.MAX_VALUE));
            } catch (NumberFormatException e) {
                throw DavException.badRequest("nresults must be a positive integer");
            }
        }
        return new ReportRequest.SyncCollection(props(root), token.text().trim(), limit);
    }

    /** RFC 3744 §9.4: every property-search must match (Apple adds test="anyof" and match-type). */
    private static ReportRequest.PrincipalPropertySearch principalPropertySearch(XmlElement root) {
        boolean allOf = !"anyof".equals(root.attribute("test").orElse("allof"));
        List<PrincipalSearch> conditions = new ArrayList<>();
        boolean unsearchable = false;
        for (XmlElement search : root.children(DavNames.PROPERTY_SEARCH)) {
            XmlElement match = search.child(DavNames.MATCH)
                    .orElseThrow(() -> DavException.badRequest("property-search needs a match element"));
            MatchType type;
            try {
                type = MatchType.parse(match.attribute("match-type").orElse("contains"));
            } catch (IllegalArgumentException e) {
                throw DavException.badRequest(e.getMessage());
            }
            for (XmlElement prop : search.child(DavNames.PROP).map(XmlElement::children).orElse(List.of())) {
                Optional<PrincipalSearch.Field> field = searchable(prop.name());
                if (field.isPresent()) {
                    conditions.add(new PrincipalSearch(field.get(), match.text(), type));
                } else {
                    unsearchable = true;
                }
            }
        }
        if (conditions.isEmpty() && !unsearchable) {
            throw DavException.badRequest("principal-property-search needs at least one property-search");
        }
        return new ReportRequest.PrincipalPropertySearch(props(root), conditions, allOf, unsearchable,
                root.child(DavNames.APPLY_TO_PRINCIPAL_COLLECTION_SET).isPresent());
    }

    /** The properties listed by principal-search-property-set, and what they search. */
    public static Optional<PrincipalSearch.Field> searchable(QName property) {
        if (property.equals(DavNames.DISPLAYNAME)) {
            return Optional.of(PrincipalSearch.Field.DISPLAY_NAME);
        }
        if (property.equals(DavNames.EMAIL_ADDRESS_SET)) {
            return Optional.of(PrincipalSearch.Field.EMAIL);
        }
        return Optional.empty();
    }

    private static ReportRequest.PropSelection props(XmlElement report) {
        Optional<XmlElement> prop = report.child(DavNames.PROP);
        if (prop.isEmpty()) {
            // RFC 6352 §8.6/§8.7 make DAV:prop optional; without it the client gets etags only.
            return new ReportRequest.PropSelection(List.of(DavNames.GETETAG), Optional.empty());
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
        return new ReportRequest.PropSelection(names, addressData);
    }

    /** RFC 6352 §10.4: content-type defaults to text/vcard, version to 3.0. */
    static AddressDataRequest addressData(XmlElement element) {
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

    private static OptionalInt limit(XmlElement query) {
        Optional<XmlElement> nresults = query.child(DavNames.LIMIT).flatMap(l -> l.child(DavNames.NRESULTS));
        if (nresults.isEmpty()) {
            return OptionalInt.empty();
        }
        String text = nresults.get().text().trim();
        try {
            long value = Long.parseLong(text);
            if (value < 1) {
                throw DavException.badRequest("nresults must be a positive integer");
            }
            return OptionalInt.of((int) Math.min(value, MAX_NRESULTS));
        } catch (NumberFormatException e) {
            throw DavException.badRequest("nresults must be a positive integer: " + text);
        }
    }

    private static List<QName> names(XmlElement container) {
        List<QName> names = new ArrayList<>();
        for (XmlElement child : container.children()) {
            if (!names.contains(child.name())) {
                names.add(child.name());
            }
        }
        return names;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
