package org.galdav.support;

/** Request bodies shaped like the ones real clients send. */
public final class Bodies {
    private Bodies() {
    }

    public static String propfind(String... props) {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<d:propfind xmlns:d=\"DAV:\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\""
                + " xmlns:cs=\"http://calendarserver.org/ns/\"><d:prop>");
        for (String prop : props) {
            body.append('<').append(prop).append("/>");
        }
        return body.append("</d:prop></d:propfind>").toString();
    }

    public static String multiget(String addressData, String... hrefs) {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<C:addressbook-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\">"
                + "<D:prop><D:getetag/>").append(addressData).append("</D:prop>");
        for (String href : hrefs) {
            body.append("<D:href>").append(href).append("</D:href>");
        }
        return body.append("</C:addressbook-multiget>").toString();
    }

    public static String query(String filter, String limit) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<C:addressbook-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\">"
                + "<D:prop><D:getetag/><C:address-data/></D:prop>" + filter
                + (limit == null ? "" : "<C:limit><C:nresults>" + limit + "</C:nresults></C:limit>")
                + "</C:addressbook-query>";
    }
}
