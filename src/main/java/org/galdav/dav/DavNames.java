package org.galdav.dav;

import javax.xml.namespace.QName;

/**
 * XML names used on the wire: WebDAV (RFC 4918, 3744, 5397, 6578), CardDAV (RFC 6352), CalendarServer.
 * Names that only one REPORT's body uses are declared in its reporter, so a new REPORT leaves this
 * class alone.
 */
public final class DavNames {
    public static final String DAV = "DAV:";
    public static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
    public static final String CALSERVER = "http://calendarserver.org/ns/";

    // WebDAV elements
    public static final QName MULTISTATUS = dav("multistatus");
    public static final QName RESPONSE = dav("response");
    public static final QName HREF = dav("href");
    public static final QName STATUS = dav("status");
    public static final QName PROPSTAT = dav("propstat");
    public static final QName PROP = dav("prop");
    public static final QName PROPFIND = dav("propfind");
    public static final QName ALLPROP = dav("allprop");
    public static final QName PROPNAME = dav("propname");
    public static final QName INCLUDE = dav("include");
    public static final QName ERROR = dav("error");
    public static final QName COLLECTION = dav("collection");
    public static final QName PRINCIPAL = dav("principal");
    public static final QName UNAUTHENTICATED = dav("unauthenticated");
    public static final QName PRIVILEGE = dav("privilege");
    public static final QName READ = dav("read");
    public static final QName READ_CUPS = dav("read-current-user-privilege-set");
    public static final QName SUPPORTED_REPORT = dav("supported-report");
    public static final QName REPORT = dav("report");
    public static final QName NEED_PRIVILEGES = dav("need-privileges");
    public static final QName RESOURCE = dav("resource");
    public static final QName PROPFIND_FINITE_DEPTH = dav("propfind-finite-depth");
    public static final QName NUMBER_OF_MATCHES_WITHIN_LIMITS = dav("number-of-matches-within-limits");

    public static final QName PRINCIPAL_SEARCH_PROPERTY_SET = dav("principal-search-property-set");
    public static final QName PRINCIPAL_SEARCH_PROPERTY = dav("principal-search-property");
    public static final QName DESCRIPTION = dav("description");

    public static final QName SYNC_COLLECTION = dav("sync-collection");
    public static final QName SYNC_TOKEN = dav("sync-token");

    // WebDAV properties
    public static final QName RESOURCETYPE = dav("resourcetype");
    public static final QName DISPLAYNAME = dav("displayname");
    public static final QName GETETAG = dav("getetag");
    public static final QName GETCONTENTTYPE = dav("getcontenttype");
    public static final QName GETCONTENTLENGTH = dav("getcontentlength");
    public static final QName GETLASTMODIFIED = dav("getlastmodified");
    public static final QName CURRENT_USER_PRINCIPAL = dav("current-user-principal");
    public static final QName PRINCIPAL_URL = dav("principal-URL");
    public static final QName PRINCIPAL_COLLECTION_SET = dav("principal-collection-set");
    public static final QName CURRENT_USER_PRIVILEGE_SET = dav("current-user-privilege-set");
    public static final QName SUPPORTED_REPORT_SET = dav("supported-report-set");
    public static final QName OWNER = dav("owner");
    public static final QName GROUP_MEMBERSHIP = dav("group-membership");

    // CardDAV
    public static final QName ADDRESSBOOK = card("addressbook");
    public static final QName ADDRESSBOOK_HOME_SET = card("addressbook-home-set");
    public static final QName ADDRESSBOOK_DESCRIPTION = card("addressbook-description");
    public static final QName SUPPORTED_ADDRESS_DATA = card("supported-address-data");
    public static final QName ADDRESS_DATA_TYPE = card("address-data-type");
    public static final QName MAX_RESOURCE_SIZE = card("max-resource-size");
    public static final QName SUPPORTED_COLLATION_SET = card("supported-collation-set");
    public static final QName SUPPORTED_COLLATION = card("supported-collation");
    public static final QName ADDRESS_DATA = card("address-data");
    public static final QName FILTER = card("filter");
    public static final QName PROP_FILTER = card("prop-filter");
    public static final QName PARAM_FILTER = card("param-filter");
    public static final QName TEXT_MATCH = card("text-match");
    public static final QName IS_NOT_DEFINED = card("is-not-defined");
    public static final QName CARD_PROP = card("prop");
    public static final QName CARD_ALLPROP = card("allprop");
    public static final QName SUPPORTED_FILTER = card("supported-filter");
    public static final QName SUPPORTED_ADDRESS_DATA_CONVERSION = card("supported-address-data-conversion");

    public static final QName DIRECTORY = card("directory");
    public static final QName DIRECTORY_GATEWAY = card("directory-gateway");

    // CalendarServer
    public static final QName GETCTAG = new QName(CALSERVER, "getctag");
    public static final QName EMAIL_ADDRESS_SET = new QName(CALSERVER, "email-address-set");
    public static final QName EMAIL_ADDRESS = new QName(CALSERVER, "email-address");

    private DavNames() {
    }

    private static QName dav(String local) {
        return new QName(DAV, local);
    }

    private static QName card(String local) {
        return new QName(CARDDAV, local);
    }
}
