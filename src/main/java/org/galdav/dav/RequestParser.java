package org.galdav.dav;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * Turns PROPFIND bodies into request records and REPORT bodies into their root element. Unknown
 * elements are ignored (RFC 4918 §17).
 */
public final class RequestParser {
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
     * The root element of a REPORT body: its name says which report is asked for (RFC 3253 §3.6), and
     * that report's reporter reads the rest.
     *
     * @throws DavException 400 for an empty or malformed body
     */
    public static XmlElement reportRoot(byte[] body) {
        if (isBlank(body)) {
            throw DavException.badRequest("REPORT needs a body");
        }
        return XmlParser.parse(body);
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
