package org.galdav.dav;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The body of a principal-search-property-set REPORT (RFC 3744 §9.5): what principals can be searched by. */
public final class SearchPropertySet {
    private static final Map<QName, String> SEARCHABLE = Map.of(
            DavNames.DISPLAYNAME, "Name",
            DavNames.EMAIL_ADDRESS_SET, "E-mail address");

    private SearchPropertySet() {
    }

    public static byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = Xml.writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            Xml.root(w, DavNames.PRINCIPAL_SEARCH_PROPERTY_SET);
            for (QName property : new QName[] {DavNames.DISPLAYNAME, DavNames.EMAIL_ADDRESS_SET}) {
                Xml.start(w, DavNames.PRINCIPAL_SEARCH_PROPERTY);
                Xml.start(w, DavNames.PROP);
                Xml.empty(w, property);
                w.writeEndElement();
                Xml.start(w, DavNames.DESCRIPTION);
                w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
                w.writeCharacters(SEARCHABLE.get(property));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the search property set", e);
        }
        return out.toByteArray();
    }
}
