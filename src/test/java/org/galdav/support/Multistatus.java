package org.galdav.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A parsed DAV:multistatus, for assertions on structure rather than on raw text. */
public final class Multistatus {
    public static final String DAV = "DAV:";
    public static final String CARD = "urn:ietf:params:xml:ns:carddav";
    public static final String CS = "http://calendarserver.org/ns/";

    private final List<Response> responses = new ArrayList<>();
    private final Element root;

    private Multistatus(Element root) {
        this.root = root;
        for (Element response : children(root, DAV, "response")) {
            responses.add(new Response(response));
        }
    }

    public static Multistatus parse(String xml) {
        Element root = parseXml(xml);
        if (!DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
            throw new AssertionError("not a DAV:multistatus: " + root.getNodeName());
        }
        return new Multistatus(root);
    }

    /** Parses any XML body namespace-aware, with DTDs off. */
    public static Element parseXml(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("response is not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    public List<Response> responses() {
        return responses;
    }

    public Response response(String href) {
        return responses.stream().filter(r -> r.href().equals(href)).findFirst()
                .orElseThrow(() -> new AssertionError("no response for " + href + " among " + hrefs()));
    }

    public List<String> hrefs() {
        return responses.stream().map(Response::href).toList();
    }

    public Element root() {
        return root;
    }

    /** One DAV:response. */
    public static final class Response {
        private final Element element;

        Response(Element element) {
            this.element = element;
        }

        public String href() {
            return text(children(element, DAV, "href").get(0));
        }

        /** The response-level status line, for responses without propstat. */
        public Optional<String> status() {
            List<Element> status = children(element, DAV, "status");
            return status.isEmpty() ? Optional.empty() : Optional.of(text(status.get(0)));
        }

        public List<Element> propstats() {
            return children(element, DAV, "propstat");
        }

        /** The property element with its propstat's status, if present in any propstat. */
        public Optional<Element> prop(String ns, String local, String statusLine) {
            for (Element propstat : propstats()) {
                String status = text(children(propstat, DAV, "status").get(0));
                if (!status.equals(statusLine)) {
                    continue;
                }
                for (Element prop : children(propstat, DAV, "prop")) {
                    List<Element> found = children(prop, ns, local);
                    if (!found.isEmpty()) {
                        return Optional.of(found.get(0));
                    }
                }
            }
            return Optional.empty();
        }

        public Optional<Element> ok(String ns, String local) {
            return prop(ns, local, "HTTP/1.1 200 OK");
        }

        public boolean notFound(String ns, String local) {
            return prop(ns, local, "HTTP/1.1 404 Not Found").isPresent();
        }

        public String okText(String ns, String local) {
            return text(ok(ns, local).orElseThrow(() -> new AssertionError(
                    "no 200 property {" + ns + "}" + local + " in response for " + href())));
        }

        public Element element() {
            return element;
        }
    }

    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    public static String text(Element element) {
        return element.getTextContent();
    }

    public static boolean hasChild(Element parent, String ns, String local) {
        return !children(parent, ns, local).isEmpty();
    }
}
