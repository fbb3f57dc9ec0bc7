package org.galdav.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Whether a private key and a certificate's public key belong together: the key signs a probe that the
 * public key verifies. The one test that works for every key type; files and key stores can pair them wrongly.
 */
public final class KeyPairs {
    private static final byte[] PROBE = "galdav key check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairs() {
    }

    /**
     * @param algorithm a JCA signature algorithm for the key's type, e.g. SHA256withRSA
     * @throws GeneralSecurityException when the key cannot sign with that algorithm at all
     */
    public static boolean match(PrivateKey key, PublicKey publicKey, String algorithm) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(PROBE);
        return verifier.verify(signature);
    }
}
