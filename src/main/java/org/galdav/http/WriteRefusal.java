package org.galdav.http;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.galdav.core.AddressBook;
import org.galdav.dav.DavException;
import org.galdav.dav.DavNames;
import org.galdav.dav.DavPaths;
import org.galdav.dav.ErrorBody;

/**
 * Every write method on a read-only server: 403 with the privilege the caller lacks
 * (RFC 3744 §7.1.1 {@code DAV:need-privileges}), or 405 where the method makes no sense here.
 * Nothing is ever passed to the directory.
 */
final class WriteRefusal {
    private static final QName BIND = new QName(DavNames.DAV, "bind");
    private static final QName UNBIND = new QName(DavNames.DAV, "unbind");
    private static final QName WRITE_CONTENT = new QName(DavNames.DAV, "write-content");
    private static final QName WRITE_PROPERTIES = new QName(DavNames.DAV, "write-properties");
    private static final QName WRITE_ACL = new QName(DavNames.DAV, "write-acl");

    private final Lookup lookup;

    WriteRefusal(Lookup lookup) {
        this.lookup = lookup;
    }

    void handle(Exchange exchange, String method) {
        String path = exchange.http.getRequestPath();
        DavPaths.Target target = exchange.target;
        switch (method) {
            case "PUT":
                if (target instanceof DavPaths.Target.Card card) {
                    AddressBook book = lookup.book(exchange, card.bookId());
                    boolean exists = book.find(List.of(card.cardName())).containsKey(card.cardName());
                    throw exists ? refuse(path, WRITE_CONTENT) : refuse(parent(path), BIND);
                }
                throw refuse(parent(path), BIND);
            case "DELETE":
            case "MOVE":
                lookup.bookOf(exchange);
                throw refuse(parent(path), UNBIND);
            case "COPY":
                lookup.bookOf(exchange);
                throw refuse(parent(path), BIND);
            case "PROPPATCH":
                lookup.bookOf(exchange);
                throw refuse(path, WRITE_PROPERTIES);
            case "ACL":
                throw refuse(path, WRITE_ACL);
            case "MKCOL":
            case "MKCALENDAR":
                if (exists(exchange)) {
                    throw new DavException(405, "a resource already exists at " + path);
                }
                throw refuse(parent(path), BIND);
            default:
                throw new DavException(405, method + " is not supported by this read-only server");
        }
    }

    private boolean exists(Exchange exchange) {
        try {
            Optional<AddressBook> book = lookup.bookOf(exchange);
            return !(exchange.target instanceof DavPaths.Target.Card) || book.isPresent();
        } catch (DavException e) {
            return false;
        }
    }

    private static DavException refuse(String href, QName privilege) {
        return new DavException(403, "this server is read-only", ErrorBody.needPrivileges(href, privilege));
    }

    private static String parent(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.substring(0, slash + 1);
    }
}
