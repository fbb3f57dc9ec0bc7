/**
 * WebDAV and CardDAV as XML and URLs (RFC 4918, 6352, 3744, 5397, 6578): secure StAX parsing into request
 * records (DTDs and external entities off), the streaming multistatus writer, the property catalogue per
 * resource ({@link org.galdav.dav.Resources}), the URL layout ({@link org.galdav.dav.DavPaths}), where each
 * REPORT is supported ({@link org.galdav.dav.SupportedReport}, {@link org.galdav.dav.ReportScope}), and errors
 * with their preconditions ({@link org.galdav.dav.DavException}).
 *
 * <p>May use: {@code core}, {@code javax.xml}. Never HTTP (Undertow), LDAP or vCard libraries.
 *
 * <p>Threads: request records and {@code SupportedReport}s are immutable; a {@code Resources} or
 * {@code MultistatusWriter} belongs to one request.
 */
package org.galdav.dav;
