package org.galdav.dav;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.galdav.core.Card;
import org.galdav.core.Deadline;

/**
 * Writes a {@code DAV:multistatus} (RFC 4918 §13) response by response straight to the output, so a
 * listing of 100,000 cards never sits in memory. The 200 propstat always comes first (some clients
 * read only the first status), and with {@code minimal} the 404 propstat is left out (RFC 8144).
 *
 * <p>The document is only ever closed by {@link #write} once its body has returned: when writing
 * fails half-way the caller drops the connection, so a short answer never looks complete. Each response
 * first checks the request's {@link Deadline}, so a long listing stops when its time is up or its client
 * has gone.
 */
public final class MultistatusWriter {
    /** Writes the responses of one multistatus. */
    @FunctionalInterface
    public interface Body {
        void write(MultistatusWriter out) throws IOException;
    }

    private final XmlOut w;
    private final boolean minimal;

    private MultistatusWriter(XmlOut w, boolean minimal) {
        this.w = w;
        this.minimal = minimal;
    }

    /**
     * Writes a whole multistatus: the opening, what {@code body} writes, and the closing, which is
     * left out when {@code body} throws.
     */
    public static void write(OutputStream out, boolean minimal, Body body) throws IOException {
        XmlOut w;
        try {
            w = Xml.writer(out);
            w.writeStartDocument("UTF-8", "1.0");
            Xml.root(w, DavNames.MULTISTATUS);
        } catch (XMLStreamException e) {
            throw new IOException("cannot start multistatus", e);
        }
        body.write(new MultistatusWriter(w, minimal));
        try {
            Xml.endRoot(w);
        } catch (XMLStreamException e) {
            throw new IOException("cannot finish multistatus", e);
        }
    }

    /** One response answering a PROPFIND request for a resource. */
    public void propfind(DavResource resource, PropfindRequest request) throws IOException {
        PropertySet props = resource.properties();
        switch (request.kind()) {
            case PROPNAME:
                List<QName> names = props.names();
                response(resource.href(), names.stream().map(n -> Map.entry(n, PropValue.EMPTY)).toList(), List.of());
                return;
            case ALLPROP:
                List<QName> wanted = new ArrayList<>(props.allpropNames());
                request.names().stream().filter(n -> !wanted.contains(n)).forEach(wanted::add);
                properties(resource, wanted);
                return;
            default:
                properties(resource, request.names());
        }
    }

    /**
     * One response with the named properties: those the resource has in a 200 propstat, the rest in a
     * 404 propstat.
     */
    public void properties(DavResource resource, List<QName> names) throws IOException {
        properties(resource, names, Map.of());
    }

    /**
     * One response for a card in a REPORT: the requested properties and, when asked for,
     * {@code CARDDAV:address-data} rendered in the requested version and property subset
     * (RFC 6352 §10.4).
     */
    public void card(DavResource resource, Card card, PropSelection props) throws IOException {
        if (props.addressData().isEmpty()) {
            properties(resource, props.names());
            return;
        }
        AddressDataRequest data = props.addressData().get();
        byte[] vcard = card.render(data.format(), data.selection());
        List<QName> names = new ArrayList<>(props.names());
        names.add(DavNames.ADDRESS_DATA);
        properties(resource, names, Map.of(DavNames.ADDRESS_DATA, any -> w.writeUtf8Text(vcard)));
    }

    private void properties(DavResource resource, List<QName> names, Map<QName, PropValue> extra)
            throws IOException {
        List<Map.Entry<QName, PropValue>> found = new ArrayList<>();
        List<QName> missing = new ArrayList<>();
        for (QName name : names) {
            Optional<PropValue> value = Optional.ofNullable(extra.get(name)).or(() -> resource.properties().get(name));
            if (value.isPresent()) {
                found.add(Map.entry(name, value.get()));
            } else {
                missing.add(name);
            }
        }
        response(resource.href(), found, missing);
    }

    private void response(String href, List<Map.Entry<QName, PropValue>> found, List<QName> missing)
            throws IOException {
        Deadline.current().check();
        try {
            Xml.start(w, DavNames.RESPONSE);
            Xml.text(w, DavNames.HREF, href);
            if (!found.isEmpty() || missing.isEmpty() || minimal) {
                Xml.start(w, DavNames.PROPSTAT);
                Xml.start(w, DavNames.PROP);
                for (Map.Entry<QName, PropValue> entry : found) {
                    Xml.start(w, entry.getKey());
                    entry.getValue().write(w);
                    w.writeEndElement();
                }
                w.writeEndElement();
                Xml.text(w, DavNames.STATUS, StatusLine.of(200));
                w.writeEndElement();
            }
            if (!missing.isEmpty() && !minimal) {
                Xml.start(w, DavNames.PROPSTAT);
                Xml.start(w, DavNames.PROP);
                for (QName name : missing) {
                    Xml.empty(w, name);
                }
                w.writeEndElement();
                Xml.text(w, DavNames.STATUS, StatusLine.of(404));
                w.writeEndElement();
            }
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write response for " + href, e);
        }
    }

    /** A response carrying only a status, e.g. 404 for a multiget href that does not exist. */
    public void status(String href, int status) throws IOException {
        status(href, status, Optional.empty());
    }

    /** A status response with a {@code DAV:error}, e.g. 507 with number-of-matches-within-limits. */
    public void status(String href, int status, Optional<QName> error) throws IOException {
        Deadline.current().check();
        try {
            Xml.start(w, DavNames.RESPONSE);
            Xml.text(w, DavNames.HREF, href);
            Xml.text(w, DavNames.STATUS, StatusLine.of(status));
            if (error.isPresent()) {
                Xml.start(w, DavNames.ERROR);
                Xml.empty(w, error.get());
                w.writeEndElement();
            }
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write response for " + href, e);
        }
    }

    /** The top-level DAV:sync-token of a sync-collection answer (RFC 6578 §6.2), after the responses. */
    public void syncToken(String token) throws IOException {
        try {
            Xml.text(w, DavNames.SYNC_TOKEN, token);
        } catch (XMLStreamException e) {
            throw new IOException("cannot write sync-token", e);
        }
    }
}
