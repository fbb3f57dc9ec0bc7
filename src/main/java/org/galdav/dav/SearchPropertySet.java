package org.galdav.dav;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.galdav.core.PrincipalSearch;

/**
 * The properties principals can be searched by: what principal-property-search (RFC 3744 §9.4)
 * searches for each, and the principal-search-property-set body (§9.5) that lists them. One list, so
 * the search never accepts a property the set does not announce, or the other way round.
 */
public final class SearchPropertySet {
    private record Searchable(QName property, PrincipalSearch.Field field, String description) {
    }

    private static final List<Searchable> SEARCHABLE = List.of(
            new Searchable(DavNames.DISPLAYNAME, PrincipalSearch.Field.DISPLAY_NAME, "Name"),
            new Searchable(DavNames.EMAIL_ADDRESS_SET, PrincipalSearch.Field.EMAIL, "E-mail address"));

    private SearchPropertySet() {
    }

    /** What a property searches; empty for properties that cannot be searched. */
    public static Optional<PrincipalSearch.Field> field(QName property) {
        return SEARCHABLE.stream().filter(s -> s.property().equals(property)).map(Searchable::field).findFirst();
    }

    /** The {@code DAV:principal-search-property-set} document. */
    public static byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = Xml.writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            Xml.root(w, DavNames.PRINCIPAL_SEARCH_PROPERTY_SET);
            for (Searchable searchable : SEARCHABLE) {
                Xml.start(w, DavNames.PRINCIPAL_SEARCH_PROPERTY);
                Xml.start(w, DavNames.PROP);
                Xml.empty(w, searchable.property());
                w.writeEndElement();
                Xml.start(w, DavNames.DESCRIPTION);
                w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
                w.writeCharacters(searchable.description());
                w.writeEndElement();
                w.writeEndElement();
            }
            Xml.endRoot(w);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the search property set", e);
        }
        return out.toByteArray();
    }
}
