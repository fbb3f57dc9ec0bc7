/**
 * What a person sees: the setup page a browser gets instead of a DAV answer (the server URL, their login,
 * their books and the exact values for each client), the QR code of the server URL, the Apple configuration
 * profile (signed with the server's own certificate when there is one), and the client guides rendered from
 * {@code docs/clients}. Plugged into the HTTP layer through its {@code BrowserPages} port, after the same Basic
 * login as the clients.
 *
 * <p>May use: {@code core}, {@code dav} (URL layout), {@code http} (the port it implements), Undertow,
 * FreeMarker (HTML-escaping templates), ZXing (QR), dd-plist, Bouncy Castle (CMS signing), commonmark, the
 * JDK's image I/O, SLF4J. Never LDAP or vCard libraries: books come through {@code core}'s ports.
 *
 * <p>Threads: everything here is immutable or thread-safe and shared by all requests.
 */
package org.galdav.setup;
