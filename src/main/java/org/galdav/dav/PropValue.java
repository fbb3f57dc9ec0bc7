package org.galdav.dav;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.galdav.core.CleanText;

/** Writes the content of a property element (or any XML fragment) to a stream writer. */
@FunctionalInterface
public interface PropValue {
    void write(XMLStreamWriter writer) throws XMLStreamException;

    /** A plain text value; characters XML cannot carry are left out (they come from directory data). */
    static PropValue text(String value) {
        return w -> w.writeCharacters(CleanText.clean(value));
    }

    /** A single {@code DAV:href}. */
    static PropValue href(String href) {
        return w -> Xml.text(w, DavNames.HREF, href);
    }

    /** No content. */
    PropValue EMPTY = w -> { };
}
