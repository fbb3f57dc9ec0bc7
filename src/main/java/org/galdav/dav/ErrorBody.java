package org.galdav.dav;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A {@code DAV:error} body (RFC 4918 §16): the precondition element, optionally with child content
 * such as the privileges a write would need (RFC 3744 §7.1.1).
 */
public final class ErrorBody {
    private final QName condition;
    private final List<PropValue> children;

    private ErrorBody(QName condition, List<PropValue> children) {
        this.condition = condition;
        this.children = List.copyOf(children);
    }

    public static ErrorBody of(QName condition) {
        return new ErrorBody(condition, List.of());
    }

    public static ErrorBody of(QName condition, PropValue content) {
        return new ErrorBody(condition, List.of(content));
    }

    /** {@code <D:need-privileges><D:resource><D:href/><D:privilege><D:x/></D:privilege>...}. */
    public static ErrorBody needPrivileges(String href, QName privilege) {
        return of(DavNames.NEED_PRIVILEGES, w -> {
            Xml.start(w, DavNames.RESOURCE);
            Xml.text(w, DavNames.HREF, href);
            Xml.start(w, DavNames.PRIVILEGE);
            Xml.empty(w, privilege);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    public QName condition() {
        return condition;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = Xml.writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            Xml.root(w, DavNames.ERROR);
            if (children.isEmpty()) {
                Xml.empty(w, condition);
            } else {
                Xml.start(w, condition);
                for (PropValue child : children) {
                    child.write(w);
                }
                w.writeEndElement();
            }
            Xml.endRoot(w);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot serialise error body", e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
