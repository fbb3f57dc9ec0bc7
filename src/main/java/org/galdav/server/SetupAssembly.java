package org.galdav.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
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

    /** Signed with the HTTPS key (the certificate iOS checks the profile against is the one the server shows). */
    private static AppleProfiles profiles(HttpSettings http) {
        if (http.keyStore().isEmpty()) {
            return AppleProfiles.unsigned();
        }
        try {
            return AppleProfiles.signedBy(ProfileSigner.fromKeyStoreFile(http.keyStore().get(),
                    http.keyStorePassword().toCharArray()));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigError("configuration: key 'http.tls.key-store': cannot sign profiles with "
                    + http.keyStore().get() + " (" + e.getMessage() + ")", e);
        }
    }
}
