package org.galdav.server;

import java.util.Optional;
import org.galdav.config.ConfigError;
import org.galdav.config.Settings;
import org.galdav.core.AddressBooks;
import org.galdav.http.BrowserPages;
import org.galdav.http.HttpSettings;
import org.galdav.setup.AppleProfiles;
import org.galdav.setup.SetupPages;

/**
 * Builds the pages for people: the setup page and its profile, signed with the certificate the server serves
 * when it serves HTTPS itself.
 */
final class SetupAssembly {
    private SetupAssembly() {
    }

    /** @param tls the HTTPS side, whose served certificate signs the Apple profiles; empty: plain HTTP */
    static BrowserPages pages(Settings settings, AddressBooks books, Optional<TlsFront> tls) {
        HttpSettings http = settings.http();
        return new SetupPages(books, http.serverName(), http.publicUrl(), settings.connections().trustedProxies(),
                profiles(tls));
    }

    private static AppleProfiles profiles(Optional<TlsFront> tls) {
        return tls.map(front -> {
            try {
                return AppleProfiles.signedBy(new ServedProfileSigner(front.reloader().keys())::current);
            } catch (IllegalArgumentException e) {
                throw new ConfigError("configuration: cannot sign profiles with the HTTPS certificate ("
                        + e.getMessage() + ")", e);
            }
        }).orElseGet(AppleProfiles::unsigned);
    }
}
