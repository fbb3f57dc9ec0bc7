package org.galdav.setup;

import java.net.URI;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.galdav.core.Principal;
import org.galdav.dav.DavPaths;

/**
 * The setup page's data, as plain strings, booleans and lists for the template: what a person types into
 * each client. Every value is escaped by the template (FreeMarker's HTML output format), never here.
 */
final class SetupView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SetupView() {
    }

    /**
     * @param base          the public URL, ending in "/"
     * @param profileSigned whether the Apple profile is signed (galdav serves HTTPS with its own certificate)
     */
    static Map<String, Object> model(Principal user, URI base, String serverName, List<BookFacts> books,
                                     boolean profileSigned) {
        boolean tls = base.getScheme().equals("https");
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        boolean defaultPort = port == (tls ? 443 : 80);
        String host = base.getHost();
        Map<String, Object> model = new HashMap<>();
        model.put("serverName", serverName);
        model.put("displayName", user.displayName());
        model.put("login", user.login());
        model.put("serverUrl", base.toString());
        model.put("host", host);
        model.put("port", Integer.toString(port));
        model.put("hostAndPort", defaultPort ? host : host + ":" + port);
        model.put("defaultPort", defaultPort);
        model.put("tls", tls);
        model.put("principalUrl", base.resolve(DavPaths.principal(user.login())).toString());
        model.put("homeUrl", base.resolve(DavPaths.HOME).toString());
        List<Map<String, Object>> rows = books.stream().map(b -> row(b, base)).toList();
        model.put("books", rows);
        model.put("syncedBooks", rows.stream().filter(r -> !(Boolean) r.get("searchOnly")).toList());
        model.put("searchOnlyBooks", rows.stream().filter(r -> (Boolean) r.get("searchOnly")).toList());
        model.put("profileSigned", profileSigned);
        return model;
    }

    private static Map<String, Object> row(BookFacts book, URI base) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", book.info().id());
        row.put("name", book.info().displayName());
        row.put("url", base.resolve(DavPaths.book(book.info().id())).toString());
        row.put("searchOnly", book.searchOnly());
        row.put("cards", book.cards().isPresent()
                ? NumberFormat.getIntegerInstance(Locale.ENGLISH).format(book.cards().getAsLong()) : "");
        row.put("lastChange", book.lastChange().map(WHEN::format).orElse(""));
        row.put("lastChangeIso", book.lastChange().map(Object::toString).orElse(""));
        row.put("counted", book.cards().isPresent());
        return row;
    }
}
