package org.galdav.server;

import org.galdav.config.ConfigError;
import org.galdav.config.Settings;
import org.galdav.core.AddressBooks;
import org.galdav.http.BrowserPages;
import org.galdav.http.HttpSettings;
import org.galdav.setup.AppleProfiles;
import org.galdav.setup.ProfileSigner;
import org.galdav.setup.SetupPages;

/** Builds the pages for people: the setup page and its profile, signed with the server's own key when it has one. */
final class SetupAssembly {
    private SetupAssembly() {
    }

    static BrowserPages pages(Settings settings, AddressBooks books) {
        HttpSettings http = settings.http();
        return new SetupPages(books, http.serverName(), http.publicUrl(), settings.connections().trustedProxies(),
                profiles(http));
    }

    /**
     * Signed with the HTTPS key as it is at start (the certificate iOS checks the profile against is the one the
     * server shows), from the PEM files or the key store.
     */
    private static AppleProfiles profiles(HttpSettings http) {
        return TlsFiles.of(http.tls()).map(files -> {
            KeyMaterial keys = files.load();
            try {
                return AppleProfiles.signedBy(new ProfileSigner(keys.key(), keys.chain()));
            } catch (IllegalArgumentException e) {
                throw new ConfigError("configuration: cannot sign profiles with " + files.names() + " ("
                        + e.getMessage() + ")", e);
            }
        }).orElseGet(AppleProfiles::unsigned);
    }
}
