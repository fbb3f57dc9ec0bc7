package org.galdav.dav;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses request bodies into {@link XmlElement} trees. DTDs and external entities are off (no XXE, no
 * entity expansion bombs) and the tree is bounded in depth and size, so hostile bodies fail fast with
 * 400 instead of exhausting the server. A document has exactly one root element (XML 1.0 §2.1): a
 * second root or text after it is malformed, 400, never silently ignored.
 */
final class XmlParser {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ELEMENTS = 200_000;
    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        INPUT.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        INPUT.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        INPUT.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
    }

    private XmlParser() {
    }

    /**
     * @throws DavException 400 when the body is not well-formed, declares a DTD or is too deep or large
     */
    static XmlElement parse(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
            return read(reader);
        } catch (XMLStreamException e) {
            throw DavException.badRequest("malformed XML body: " + firstLine(e.getMessage()));
        } catch (DavException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JDK's parser fails on some broken DTDs with its own bug (MissingResourceException while
            // formatting the message, found by RequestBodyFuzzTest): still a malformed body, not a server error.
            throw DavException.badRequest("malformed XML body: " + e.getClass().getSimpleName());
        } finally {
            close(reader);
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD:
                    throw DavException.badRequest("DTDs are not allowed in request bodies");
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw DavException.badRequest("entity references are not allowed in request bodies");
                case XMLStreamConstants.START_ELEMENT:
                    if (++elements > MAX_ELEMENTS || open.size() >= MAX_DEPTH) {
                        throw DavException.badRequest("request body is too large or too deeply nested");
                    }
                    open.push(new Builder(reader));
                    break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        requireNothingAfterRoot(reader);
                        return done;
                    }
                    open.peek().children.add(done);
                    break;
                default:
                    break;
            }
        }
        throw DavException.badRequest("request body has no root element");
    }

    /** XML 1.0 §2.1 {@code document ::= prolog element Misc*}: only comments, PIs and white space may follow. */
    private static void requireNothingAfterRoot(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            boolean misc = event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                    || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.END_DOCUMENT
                    || (event == XMLStreamConstants.CHARACTERS && reader.isWhiteSpace());
            if (!misc) {
                throw DavException.badRequest("request body has content after its root element");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().reduce((a, b) -> b).orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release
            }
        }
    }

    private static final class Builder {
        final QName name;
        final Map<String, String> attributes = new HashMap<>();
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(XMLStreamReader reader) {
            String ns = reader.getNamespaceURI();
            this.name = new QName(ns == null ? "" : ns, reader.getLocalName());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String attrNs = reader.getAttributeNamespace(i);
                if (attrNs == null || attrNs.isEmpty()) {
                    attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                }
            }
        }

        XmlElement build() {
            return new XmlElement(name, attributes, children, text.toString());
        }
    }
}
