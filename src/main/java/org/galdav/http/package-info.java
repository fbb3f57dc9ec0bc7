/**
 * CardDAV over Undertow: one class per method ({@code PropfindMethod}, {@code ReportMethod}, {@code GetMethod},
 * {@code WriteRefusal}) and per REPORT ({@code Reporter}s in the {@code Reporters} registry), routing and Basic
 * authentication ({@link org.galdav.http.DavHandler}), the one place failures become HTTP answers, and the access
 * log. Requests are handled off the IO threads, since directory calls block, each under its
 * {@link org.galdav.core.Deadline} and within the {@link org.galdav.http.RequestLimits}.
 *
 * <p>May use: {@code core}, {@code dav}, Undertow, {@code javax.xml} names, SLF4J. Never LDAP or vCard libraries:
 * cards and books come through {@code core}'s ports.
 *
 * <p>Threads: the handlers and reporters are stateless and shared by all requests (DavHandler only keeps the
 * threads of the requests in flight, in a concurrent map, for the stop); an {@code Exchange} belongs to one
 * request.
 */
package org.galdav.http;
