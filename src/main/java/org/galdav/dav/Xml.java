package org.galdav.dav;

import java.io.OutputStream;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.galdav.core.CleanText;

/** Small helpers around {@link XMLStreamWriter} so writers read like the XML they produce. */
final class Xml {
    private Xml() {
    }

    /** UTF-8, namespaces repaired, so properties from any namespace (Apple's, DAVx5's) can be echoed back. */
    static XmlOut writer(OutputStream out) {
        return new XmlOut(out);
    }

    /** Opens the document element and binds the usual prefixes once, so children stay short. */
    static void root(XMLStreamWriter w, QName name) throws XMLStreamException {
        w.setPrefix("D", DavNames.DAV);
        w.setPrefix("C", DavNames.CARDDAV);
        w.setPrefix("CS", DavNames.CALSERVER);
        w.writeStartElement("D", name.getLocalPart(), name.getNamespaceURI());
        w.writeNamespace("D", DavNames.DAV);
        w.writeNamespace("C", DavNames.CARDDAV);
        w.writeNamespace("CS", DavNames.CALSERVER);
    }

    /** Closes the document element and the document, and hands everything written to the output. */
    static void endRoot(XMLStreamWriter w) throws XMLStreamException {
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
        w.close();
    }

    static void start(XMLStreamWriter w, QName name) throws XMLStreamException {
        if (name.getNamespaceURI().isEmpty()) {
            w.writeStartElement(name.getLocalPart());
        } else {
            w.writeStartElement(name.getNamespaceURI(), name.getLocalPart());
        }
    }

    static void empty(XMLStreamWriter w, QName name) throws XMLStreamException {
        if (name.getNamespaceURI().isEmpty()) {
            w.writeEmptyElement(name.getLocalPart());
        } else {
            w.writeEmptyElement(name.getNamespaceURI(), name.getLocalPart());
        }
    }

    static void text(XMLStreamWriter w, QName name, String text) throws XMLStreamException {
        start(w, name);
        w.writeCharacters(CleanText.clean(text));
        w.writeEndElement();
    }
}
