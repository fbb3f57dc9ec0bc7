package org.galdav.setup;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.galdav.core.AddressBooks;
import org.galdav.core.Principal;
import org.galdav.core.UserCredentials;
import org.galdav.dav.DavException;
import org.galdav.http.BrowserPages;
import org.galdav.http.PageRequests;

/**
 * The pages a person's browser gets, for the logged-in user only: the setup page (at {@code /setup/} and at
 * every collection URL a browser opens), its style sheet, the QR code of the server URL, the Apple
 * configuration profile, and the client guides. Only GET and HEAD; the rest is 405 (RFC 9110 §15.5.6).
 */
public final class SetupPages implements BrowserPages {
    static final String STYLE = PageRequests.PREFIX + "style.css";
    static final String QR = PageRequests.PREFIX + "qr.png";

    private final AddressBooks books;
    private final String serverName;
    private final PublicUrl publicUrl;
    private final AppleProfiles profiles;
    private final Templates templates = new Templates();
    private final Guides guides = new Guides();
    private final byte[] style = Guides.readBytes("galdav/setup/style.css")
            .orElseThrow(() -> new IllegalStateException("missing from the jar: galdav/setup/style.css"));

    /**
     * @param publicUrl      {@code http.public-url}
     * @param trustedProxies {@code http.trusted-proxies}, whose forwarding headers name the public URL
     * @param profiles       the Apple profiles, signed when galdav has a certificate of its own
     */
    public SetupPages(AddressBooks books, String serverName, Optional<URI> publicUrl, Set<InetAddress> trustedProxies,
                      AppleProfiles profiles) {
        this.books = books;
        this.serverName = serverName;
        this.publicUrl = new PublicUrl(publicUrl, trustedProxies);
        this.profiles = profiles;
    }

    @Override
    public void serve(HttpServerExchange http, Principal user, UserCredentials credentials) throws IOException {
        String method = http.getRequestMethod().toString();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            http.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            throw new DavException(405, method + " is not allowed on the setup pages");
        }
        boolean head = method.equals("HEAD");
        String path = http.getRequestPath();
        URI base = publicUrl.of(http);
        if (path.equals(STYLE)) {
            PageResponses.send(http, 200, "text/css; charset=utf-8", style, PageResponses.STATIC, head);
        } else if (path.equals(QR)) {
            PageResponses.send(http, 200, "image/png", QrCode.png(base.toString()), PageResponses.PERSONAL, head);
        } else if (path.equals(AppleProfiles.PATH)) {
            profiles.download(http, user, base, serverName, head);
        } else if (path.startsWith(Guides.PATH + "images/")) {
            byte[] image = Guides.image(path.substring((Guides.PATH + "images/").length()))
                    .orElseThrow(() -> new DavException(404, "no such image"));
            PageResponses.send(http, 200, "image/png", image, PageResponses.STATIC, head);
        } else if (path.startsWith(Guides.PATH) || path.equals(Guides.PATH.substring(0, Guides.PATH.length() - 1))) {
            String name = path.length() > Guides.PATH.length() ? path.substring(Guides.PATH.length()) : "";
            Guides.Guide guide = guides.guide(name).orElseThrow(() -> new DavException(404, "no such guide"));
            Map<String, Object> model = new HashMap<>();
            model.put("title", guide.title());
            model.put("body", guide.html());
            PageResponses.html(http, templates.render("guide.ftlh", model), head);
        } else if (path.startsWith(PageRequests.PREFIX) && !path.equals(PageRequests.PREFIX)) {
            throw new DavException(404, "not found");
        } else {
            page(http, user, credentials, base, head);
        }
    }

    private void page(HttpServerExchange http, Principal user, UserCredentials credentials, URI base, boolean head) {
        List<BookFacts> facts = books.visibleTo(user, credentials).stream().map(BookFacts::of).toList();
        Map<String, Object> model = SetupView.model(user, base, serverName, facts, profiles.signed());
        model.put("guides", Guides.PATH);
        model.put("profilePath", AppleProfiles.PATH);
        model.put("qrPath", QR);
        model.put("stylePath", STYLE);
        PageResponses.html(http, templates.render("page.ftlh", model), head);
    }
}
