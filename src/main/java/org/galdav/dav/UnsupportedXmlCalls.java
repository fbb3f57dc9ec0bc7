package org.galdav.dav;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamWriter;

/** The parts of {@link XMLStreamWriter} that galdav's answers never use: {@link XmlOut} refuses them. */
abstract class UnsupportedXmlCalls implements XMLStreamWriter {
    @Override
    public void writeComment(String data) {
        throw new UnsupportedOperationException("comments");
    }

    @Override
    public void writeProcessingInstruction(String target) {
        throw new UnsupportedOperationException("processing instructions");
    }

    @Override
    public void writeProcessingInstruction(String target, String data) {
        throw new UnsupportedOperationException("processing instructions");
    }

    @Override
    public void writeCData(String data) {
        throw new UnsupportedOperationException("CDATA");
    }

    @Override
    public void writeDTD(String dtd) {
        throw new UnsupportedOperationException("DTDs");
    }

    @Override
    public void writeEntityRef(String name) {
        throw new UnsupportedOperationException("entity references");
    }

    @Override
    public void writeDefaultNamespace(String namespaceURI) {
        throw new UnsupportedOperationException("default namespaces");
    }

    @Override
    public void setDefaultNamespace(String uri) {
        throw new UnsupportedOperationException("default namespaces");
    }

    @Override
    public void setNamespaceContext(NamespaceContext context) {
        throw new UnsupportedOperationException("namespace contexts");
    }

    @Override
    public NamespaceContext getNamespaceContext() {
        throw new UnsupportedOperationException("namespace contexts");
    }

    @Override
    public Object getProperty(String name) {
        throw new IllegalArgumentException("no property " + name);
    }
}
