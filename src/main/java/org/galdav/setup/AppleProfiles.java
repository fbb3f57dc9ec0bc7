package org.galdav.setup;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import org.galdav.core.Principal;
import org.galdav.http.PageRequests;

/**
 * The Apple configuration profile download: the caller's own CardDAV account ({@link AppleProfile}), signed
 * with the server's certificate when galdav serves HTTPS with one ({@link ProfileSigner}), so that iOS and
 * macOS show it as verified; unsigned otherwise, which the page says.
 */
public final class AppleProfiles {
    static final String PATH = PageRequests.PREFIX + "galdav.mobileconfig";

    private final Optional<Supplier<ProfileSigner>> signer;

    private AppleProfiles(Optional<Supplier<ProfileSigner>> signer) {
        this.signer = signer;
    }

    public static AppleProfiles unsigned() {
        return new AppleProfiles(Optional.empty());
    }

    /** @param signer the signer of the certificate served now (it changes when a renewed one is read) */
    public static AppleProfiles signedBy(Supplier<ProfileSigner> signer) {
        return new AppleProfiles(Optional.of(signer));
    }

    boolean signed() {
        return signer.isPresent();
    }

    void download(HttpServerExchange http, Principal user, URI base, String serverName, boolean head) {
        byte[] plist = AppleProfile.xml(new AppleProfile.Account(base, user.login(), serverName));
        byte[] body = signer.map(s -> s.get().sign(plist)).orElse(plist);
        // Safari hands a download of this type to Settings ("Profile Downloaded"); the name is what macOS shows.
        http.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"galdav.mobileconfig\"");
        PageResponses.send(http, 200, AppleProfile.CONTENT_TYPE, body, PageResponses.PERSONAL, head);
    }
}
