package org.galdav.dav;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.CardSummary;
import org.galdav.core.Principal;
import org.galdav.core.query.Collation;

/**
 * The property catalogue: which live properties each kind of resource has, for a given viewer.
 * Expensive values (the ctag) are computed only when written. {@code DAV:supported-report-set} is
 * derived from the registered reports' scopes, the same rule the REPORT method enforces.
 */
public final class Resources {
    private final Principal viewer;
    private final String serverName;
    private final List<SupportedReport> reports;

    /**
     * @param reports every REPORT the server answers, in the order supported-report-set lists them
     */
    public Resources(Principal viewer, String serverName, List<SupportedReport> reports) {
        this.viewer = viewer;
        this.serverName = serverName;
        this.reports = List.copyOf(reports);
    }

    public DavResource root() {
        PropertySet props = common(collection())
                .basic(DavNames.DISPLAYNAME, PropValue.text(serverName));
        return new DavResource(DavPaths.ROOT, props);
    }

    public DavResource principals() {
        PropertySet props = common(collection())
                .basic(DavNames.DISPLAYNAME, PropValue.text("Principals"))
                .named(DavNames.SUPPORTED_REPORT_SET,
                        reportSet(reportsOn(new DavPaths.Target.Principals(), Optional.empty())));
        return new DavResource(DavPaths.PRINCIPALS, props);
    }

    /**
     * RFC 3744 §4 principal with the CardDAV home (RFC 6352 §7.1.1) and, where books are published as
     * directory gateways, {@code CARDDAV:directory-gateway} (draft-daboo-carddav-directory-gateway §4).
     */
    public DavResource principal(Principal principal, List<BookInfo> gateways) {
        DavResource resource = principal(principal);
        if (!gateways.isEmpty()) {
            resource.properties().named(DavNames.DIRECTORY_GATEWAY, w -> {
                for (BookInfo book : gateways) {
                    Xml.text(w, DavNames.HREF, DavPaths.book(book.id()));
                }
            });
        }
        return resource;
    }

    /** RFC 3744 §4 principal with the CardDAV home (RFC 6352 §7.1.1). */
    public DavResource principal(Principal principal) {
        String href = DavPaths.principal(principal.login());
        PropertySet props = common(w -> {
            Xml.empty(w, DavNames.COLLECTION);
            Xml.empty(w, DavNames.PRINCIPAL);
        })
                .basic(DavNames.DISPLAYNAME, PropValue.text(principal.displayName()))
                .named(DavNames.PRINCIPAL_URL, PropValue.href(href))
                .named(DavNames.ADDRESSBOOK_HOME_SET, PropValue.href(DavPaths.HOME))
                .named(DavNames.GROUP_MEMBERSHIP, PropValue.EMPTY)
                .named(DavNames.SUPPORTED_REPORT_SET,
                        reportSet(reportsOn(new DavPaths.Target.Principal(principal.login()), Optional.empty())));
        if (!principal.emails().isEmpty()) {
            props.named(DavNames.EMAIL_ADDRESS_SET, w -> {
                for (String mail : principal.emails()) {
                    Xml.text(w, DavNames.EMAIL_ADDRESS, mail);
                }
            });
        }
        return new DavResource(href, props);
    }

    public DavResource home() {
        PropertySet props = common(collection())
                .basic(DavNames.DISPLAYNAME, PropValue.text("Address books"))
                .named(DavNames.SUPPORTED_REPORT_SET,
                        reportSet(reportsOn(new DavPaths.Target.Home(), Optional.empty())));
        return new DavResource(DavPaths.HOME, props);
    }

    /** An address book collection (RFC 6352 §5.2, §6.2). */
    public DavResource book(AddressBook book) {
        BookInfo info = book.info();
        List<QName> supported = reportsOn(new DavPaths.Target.Book(info.id()), Optional.of(book));
        PropertySet props = common(w -> {
            Xml.empty(w, DavNames.COLLECTION);
            Xml.empty(w, DavNames.ADDRESSBOOK);
            if (info.directoryGateway()) {
                Xml.empty(w, DavNames.DIRECTORY);
            }
        })
                .basic(DavNames.DISPLAYNAME, PropValue.text(info.displayName()))
                .named(DavNames.ADDRESSBOOK_DESCRIPTION, PropValue.text(info.description()))
                .named(DavNames.SUPPORTED_ADDRESS_DATA, Resources::supportedAddressData)
                .named(DavNames.SUPPORTED_REPORT_SET, reportSet(supported))
                .named(DavNames.SUPPORTED_COLLATION_SET, Resources::collations)
                .named(DavNames.MAX_RESOURCE_SIZE, PropValue.text(Long.toString(info.maxResourceSize())))
                .named(DavNames.GETCTAG, lazyText(book::ctag));
        if (supported.contains(DavNames.SYNC_COLLECTION)) {
            // RFC 6578 §4: defined on every resource that supports sync-collection; the token for the
            // book's current state, a URI.
            props.named(DavNames.SYNC_TOKEN, lazyText(() -> book.sync().get().currentToken()));
        }
        return new DavResource(DavPaths.book(info.id()), props);
    }

    /** An address object resource (RFC 6352 §5.1) whose content is at hand. */
    public DavResource card(String bookId, Card card) {
        return card(bookId, card.summary(), card::contentLength);
    }

    /**
     * An address object resource (RFC 6352 §5.1): resourcetype is empty, as clients expect. Its length
     * (getcontentlength, RFC 4918 §15.4) is asked of {@code length} only when it is written: finding it
     * means rendering the card.
     */
    public DavResource card(String bookId, CardSummary card, LongSupplier length) {
        PropertySet props = common(PropValue.EMPTY)
                .basic(DavNames.GETETAG, PropValue.text(card.etag()))
                .basic(DavNames.GETCONTENTTYPE, PropValue.text(CardFormat.VCARD_3.contentType()))
                .basic(DavNames.GETCONTENTLENGTH, lazyText(() -> Long.toString(length.getAsLong())));
        card.lastModified().ifPresent(t -> props.basic(DavNames.GETLASTMODIFIED,
                PropValue.text(HttpDates.format(t))));
        return new DavResource(DavPaths.card(bookId, card.name()), props);
    }

    /** Properties every resource carries: resourcetype, the caller's principal and read-only privileges. */
    private PropertySet common(PropValue resourceType) {
        return new PropertySet()
                .basic(DavNames.RESOURCETYPE, resourceType)
                .named(DavNames.CURRENT_USER_PRINCIPAL, PropValue.href(DavPaths.principal(viewer.login())))
                .named(DavNames.PRINCIPAL_COLLECTION_SET, PropValue.href(DavPaths.PRINCIPALS))
                .named(DavNames.CURRENT_USER_PRIVILEGE_SET, Resources::readOnlyPrivileges);
    }

    private static PropValue collection() {
        return w -> Xml.empty(w, DavNames.COLLECTION);
    }

    private static PropValue lazyText(Supplier<String> value) {
        return w -> w.writeCharacters(value.get());
    }

    /** RFC 3744 §5.4: read only, so clients switch to read-only mode. */
    private static void readOnlyPrivileges(XMLStreamWriter w)
            throws XMLStreamException {
        for (QName privilege : new QName[] {DavNames.READ, DavNames.READ_CUPS}) {
            Xml.start(w, DavNames.PRIVILEGE);
            Xml.empty(w, privilege);
            w.writeEndElement();
        }
    }

    private static void supportedAddressData(XMLStreamWriter w)
            throws XMLStreamException {
        for (CardFormat format : CardFormat.values()) {
            Xml.empty(w, DavNames.ADDRESS_DATA_TYPE);
            w.writeAttribute("content-type", CardFormat.MEDIA_TYPE);
            w.writeAttribute("version", format.version());
        }
    }

    /** The registered reports whose scope covers a resource, in registry order. */
    private List<QName> reportsOn(DavPaths.Target target, Optional<AddressBook> book) {
        return reports.stream().filter(r -> r.scope().covers(target, book)).map(SupportedReport::name).toList();
    }

    /** RFC 3253 §3.1.5 nesting: supported-report / report / the report's element. */
    private static PropValue reportSet(List<QName> reports) {
        return w -> {
            for (QName report : reports) {
                Xml.start(w, DavNames.SUPPORTED_REPORT);
                Xml.start(w, DavNames.REPORT);
                Xml.empty(w, report);
                w.writeEndElement();
                w.writeEndElement();
            }
        };
    }

    private static void collations(XMLStreamWriter w)
            throws XMLStreamException {
        for (Collation collation : Collation.values()) {
            Xml.text(w, DavNames.SUPPORTED_COLLATION, collation.identifier());
        }
    }
}
