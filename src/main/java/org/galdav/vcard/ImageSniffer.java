package org.galdav.vcard;

import ezvcard.parameter.ImageType;
import java.util.Optional;

/** Detects an image's type from its leading bytes; LDAP stores photos without a media type. */
final class ImageSniffer {
    private ImageSniffer() {
    }

    static Optional<ImageType> detect(byte[] data) {
        if (startsWith(data, 0xff, 0xd8, 0xff)) {
            return Optional.of(ImageType.JPEG);
        }
        if (startsWith(data, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of(ImageType.PNG);
        }
        if (startsWith(data, 'G', 'I', 'F', '8')) {
            return Optional.of(ImageType.GIF);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
