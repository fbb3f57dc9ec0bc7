package org.galdav.dav;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * A parsed PROPFIND body (RFC 4918 §9.1, §14.20).
 *
 * @param kind    allprop (also for an empty body), propname, or an explicit prop list
 * @param names   the requested properties for {@link Kind#PROP}, or the {@code DAV:include} list for allprop
 */
public record PropfindRequest(Kind kind, List<QName> names) {
    public enum Kind { ALLPROP, PROPNAME, PROP }

    public static final PropfindRequest ALLPROP = new PropfindRequest(Kind.ALLPROP, List.of());

    public PropfindRequest {
        Objects.requireNonNull(kind, "kind");
        names = List.copyOf(names);
    }
}
