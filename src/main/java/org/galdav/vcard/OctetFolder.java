package org.galdav.vcard;

import java.io.ByteArrayOutputStream;

/**
 * Folds vCard content lines at 75 octets (RFC 6350 §3.2, RFC 2425 §5.8.1) without splitting a UTF-8
 * sequence. ez-vcard folds at 75 characters, which exceeds the limit for non-ASCII text, so it writes
 * unfolded lines and this class folds them.
 */
final class OctetFolder {
    private static final int LIMIT = 75;

    private OctetFolder() {
    }

    /** Input: CRLF-separated unfolded lines in UTF-8. */
    static byte[] fold(byte[] unfolded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(unfolded.length + unfolded.length / 70 * 3 + 16);
        int lineLength = 0;
        int i = 0;
        while (i < unfolded.length) {
            byte b = unfolded[i];
            if (b == '\r' && i + 1 < unfolded.length && unfolded[i + 1] == '\n') {
                out.write('\r');
                out.write('\n');
                lineLength = 0;
                i += 2;
                continue;
            }
            int sequence = sequenceLength(b);
            if (lineLength + sequence > LIMIT) {
                out.write('\r');
                out.write('\n');
                out.write(' ');
                lineLength = 1;
            }
            out.write(unfolded, i, Math.min(sequence, unfolded.length - i));
            lineLength += sequence;
            i += sequence;
        }
        return out.toByteArray();
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xff;
        if (b >= 0xf0) {
            return 4;
        }
        if (b >= 0xe0) {
            return 3;
        }
        if (b >= 0xc0) {
            return 2;
        }
        return 1;
    }
}
