package org.galdav.server;

import org.galdav.setup.ProfileSigner;

/**
 * The Apple profile's signer for the certificate the HTTPS listener serves now: iOS checks the profile's
 * signature against that certificate, so after a renewal ({@link CertificateReloader}) profiles are signed with
 * the new key. The signer is made again only when the served key material changes.
 */
final class ServedProfileSigner {
    private record Signing(KeyMaterial material, ProfileSigner signer) {
    }

    private final SwappableKeyManager keys;
    private volatile Signing last;

    /** @throws IllegalArgumentException when the served key cannot sign (checked at start, not at a download) */
    ServedProfileSigner(SwappableKeyManager keys) {
        this.keys = keys;
        current();
    }

    ProfileSigner current() {
        KeyMaterial material = keys.current();
        Signing signing = last;
        if (signing == null || signing.material() != material) {
            signing = new Signing(material, new ProfileSigner(material.key(), material.chain()));
            last = signing;
        }
        return signing.signer();
    }
}
