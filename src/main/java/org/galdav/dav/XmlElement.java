package org.galdav.dav;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A parsed request element: name, attributes (by local name, unqualified attributes only), children and
 * the concatenated text directly inside it. Request bodies are small and read whole, so a tree lets
 * parsers ignore element order and unknown elements, as RFC 4918 §17 requires.
 */
public record XmlElement(QName name, Map<String, String> attributes, List<XmlElement> children, String text) {
    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public boolean is(QName other) {
        return name.equals(other);
    }

    public Optional<XmlElement> child(QName childName) {
        return children.stream().filter(c -> c.is(childName)).findFirst();
    }

    public List<XmlElement> children(QName childName) {
        return children.stream().filter(c -> c.is(childName)).toList();
    }

    public Optional<String> attribute(String localName) {
        return Optional.ofNullable(attributes.get(localName));
    }
}
