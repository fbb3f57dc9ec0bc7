package org.galdav.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** galdav's XML writer against the JDK's: the same bytes for what galdav writes, parsed alike for the rest. */
class XmlOutTest {
    private static final String APPLE = "http://apple.com/ns/ical/";

    /** The calls an answer makes: root with bound prefixes, known and foreign namespaces, text, attributes. */
    private static void write(XMLStreamWriter w) throws Exception {
        w.writeStartDocument("UTF-8", "1.0");
        Xml.root(w, DavNames.MULTISTATUS);
        Xml.start(w, DavNames.RESPONSE);
        Xml.text(w, DavNames.HREF, "/addressbooks/directory/a&b<c>\"d\".vcf");
        Xml.start(w, new QName(DavNames.CARDDAV, "address-data"));
        w.writeCharacters("BEGIN:VCARD\r\nFN:Zoë & <Ümit>\r\nEND:VCARD\r\n");
        w.writeEndElement();
        Xml.empty(w, new QName(APPLE, "calendar-color"));
        Xml.empty(w, new QName(DavNames.CARDDAV, "address-data-type"));
        w.writeAttribute("content-type", "text/vcard");
        w.writeAttribute("version", "4.0");
        Xml.start(w, new QName(APPLE, "calendar-order"));
        Xml.empty(w, new QName(APPLE, "inner"));
        w.writeEndElement();
        Xml.start(w, new QName("", "plain"));
        w.writeCharacters("x");
        w.writeEndElement();
        Xml.start(w, DavNames.PROP);
        w.writeEndElement();
        w.writeEndElement();
        Xml.endRoot(w);
    }

    @Test
    void writesWhatTheJdkWritesForGaldavsCalls() throws Exception {
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        write(Xml.writer(ours));
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        XMLOutputFactory factory = XMLOutputFactory.newFactory();
        factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, Boolean.TRUE);
        write(factory.createXMLStreamWriter(jdk, "UTF-8"));

        String mine = ours.toString(StandardCharsets.UTF_8);
        assertThat(mine).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><D:multistatus xmlns:D=\"DAV:\" "
                + "xmlns:C=\"urn:ietf:params:xml:ns:carddav\" xmlns:CS=\"http://calendarserver.org/ns/\"><D:response>"
                + "<D:href>/addressbooks/directory/a&amp;b&lt;c&gt;\"d\".vcf</D:href>");
        Document a = parse(ours.toByteArray());
        Document b = parse(jdk.toByteArray());
        assertThat(canonical(a.getDocumentElement())).isEqualTo(canonical(b.getDocumentElement()));
        assertThat(canonical(a.getDocumentElement())).contains("{http://apple.com/ns/ical/}calendar-color",
                "{http://apple.com/ns/ical/}inner", "FN:Zoë & <Ümit>", "content-type=text/vcard");
    }

    /** UTF-8 text written without decoding equals the decoded, cleaned and escaped text, for any content. */
    @Test
    void utf8TextIsWhatCleanedTextWouldBe() throws Exception {
        java.util.Random random = new java.util.Random(3);
        String alphabet = "aZ09 :;\r\n\t&<>\"\u000b\u000c\u0000\u0001\u001fé€\ufffe\uffff\ud83d\ude00";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream direct = new ByteArrayOutputStream();
            XmlOut a = new XmlOut(direct);
            a.writeStartElement("x");
            a.writeUtf8Text(utf8);
            a.writeEndElement();
            a.flush();
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            XmlOut b = new XmlOut(decoded);
            b.writeStartElement("x");
            b.writeCharacters(org.galdav.core.CleanText.clean(new String(utf8, StandardCharsets.UTF_8)));
            b.writeEndElement();
            b.flush();
            assertThat(direct.toString(StandardCharsets.UTF_8)).as(s).isEqualTo(decoded.toString(StandardCharsets.UTF_8));
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** Elements by namespace and local name, attributes other than xmlns, and text: prefixes do not count. */
    private static String canonical(Element e) {
        StringBuilder out = new StringBuilder("{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}"
                + e.getLocalName());
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            var attribute = e.getAttributes().item(i);
            if (!attribute.getNodeName().startsWith("xmlns")) {
                out.append(' ').append(attribute.getNodeName()).append('=').append(attribute.getNodeValue());
            }
        }
        out.append('[');
        for (var child = e.getFirstChild(); child != null; child = child.getNextSibling()) {
            out.append(child instanceof Element element ? canonical(element) : child.getTextContent());
        }
        return out.append(']').toString();
    }
}
