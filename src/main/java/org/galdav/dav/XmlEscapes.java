package org.galdav.dav;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;

/** Escaping for {@link XmlOut}: text a run at a time, and UTF-8 text without decoding it. */
final class XmlEscapes {
    /** Where escaped bytes go. */
    @FunctionalInterface
    interface Bytes {
        void write(byte[] bytes, int offset, int length) throws XMLStreamException;
    }

    private static final byte[] AMP = ascii("&amp;");
    private static final byte[] LT = ascii("&lt;");
    private static final byte[] GT = ascii("&gt;");
    private static final byte[] QUOT = ascii("&quot;");
    private static final byte[] NEWLINE = ascii("\n");
    private static final byte[] NOTHING = new byte[0];

    private XmlEscapes() {
    }

    /** Text for element content ({@code & < >} escaped) or an attribute value (also {@code "}). */
    static void text(String text, boolean attribute, Bytes out) throws XMLStreamException {
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            byte[] entity = switch (text.charAt(i)) {
                case '&' -> AMP;
                case '<' -> LT;
                case '>' -> GT;
                case '"' -> attribute ? QUOT : null;
                default -> null;
            };
            if (entity != null) {
                utf8(text.substring(from, i), out);
                out.write(entity, 0, entity.length);
                from = i + 1;
            }
        }
        utf8(from == 0 ? text : text.substring(from), out);
    }

    /**
     * UTF-8 text (a rendered vCard) as element content, in one pass over its bytes: what
     * {@code text(CleanText.clean(new String(utf8, UTF_8)), false, out)} writes, without decoding and encoding
     * it again. The bytes come from Java's encoder, so they are well-formed UTF-8 without surrogates; C0
     * controls XML cannot carry are dropped (vertical tab and form feed become a newline, as
     * {@link org.galdav.core.CleanText} does), and so are U+FFFE and U+FFFF.
     */
    static void utf8(byte[] utf8, Bytes out) throws XMLStreamException {
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            byte[] replacement;
            int skip = 1;
            if (b == '&') {
                replacement = AMP;
            } else if (b == '<') {
                replacement = LT;
            } else if (b == '>') {
                replacement = GT;
            } else if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                replacement = b == 0x0B || b == 0x0C ? NEWLINE : NOTHING;
            } else if (b == (byte) 0xEF && i + 2 < utf8.length && utf8[i + 1] == (byte) 0xBF
                    && (utf8[i + 2] == (byte) 0xBE || utf8[i + 2] == (byte) 0xBF)) {
                replacement = NOTHING;
                skip = 3;
            } else {
                continue;
            }
            out.write(utf8, from, i - from);
            out.write(replacement, 0, replacement.length);
            i += skip - 1;
            from = i + 1;
        }
        out.write(utf8, from, utf8.length - from);
    }

    private static void utf8(String text, Bytes out) throws XMLStreamException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
