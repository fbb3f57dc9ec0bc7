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

    /**
     * Whether the answer will hold this property's value: named in a prop list; always for allprop (asked
     * about the RFC 4918 live properties, which allprop returns, §9.1); never for propname.
     */
    public boolean asksFor(QName name) {
        return switch (kind) {
            case ALLPROP -> true;
            case PROPNAME -> false;
            case PROP -> names.contains(name);
        };
    }
}
