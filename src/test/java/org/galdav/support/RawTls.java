package org.galdav.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;

/**
 * A TLS ClientHello written byte by byte, for the protocol versions the JDK's own client refuses to offer
 * (TLS 1.1 is disabled in its {@code jdk.tls.disabledAlgorithms}): a test with the JDK client would only prove
 * that the client refuses. The server's first record tells what it made of the hello (RFC 5246 §7.4.1.2,
 * RFC 8446 §4.1.2).
 */
public final class RawTls {
    /** TLS 1.1 and TLS 1.2 as they appear in {@code client_version}. */
    public static final int TLS_1_1 = 0x0302;
    public static final int TLS_1_2 = 0x0303;

    private RawTls() {
    }

    /** What the server answered: a ServerHello, an alert (with its description, e.g. 70 protocol_version), or a close. */
    public record Answer(String kind, int code) {
    }

    /**
     * Sends a ClientHello for {@code version} offering ECDHE suites with AES-GCM and AES-CBC (RSA and ECDSA), the
     * P-256 and X25519 groups and SHA-256 signatures, and reads the server's first record.
     */
    public static Answer hello(String host, int port, int version) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(clientHello(version));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type;
            try {
                type = in.readUnsignedByte();
                in.readUnsignedShort(); // record version
                in.readUnsignedShort(); // length
                if (type == 22) {
                    return new Answer("handshake", in.readUnsignedByte()); // 2: ServerHello
                }
                if (type == 21) {
                    in.readUnsignedByte(); // level
                    return new Answer("alert", in.readUnsignedByte());
                }
                return new Answer("record", type);
            } catch (EOFException e) {
                return new Answer("closed", -1);
            }
        }
    }

    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        for (int i = 0; i < 32; i++) {
            body.write(i * 7 + 1); // client random: any bytes will do here
        }
        body.write(0); // no session id
        int[] suites = {0xC02F, 0xC02B, 0xC013, 0xC009}; // ECDHE_RSA/ECDSA with AES_128_GCM, then AES_128_CBC_SHA
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1);
        body.write(0); // compression: null only
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, 0x000a, new int[] {0x0017, 0x001d}); // supported_groups: P-256, X25519
        extensions.write(0);
        extensions.write(0x0b);
        u16(extensions, 2);
        extensions.write(1);
        extensions.write(0); // ec_point_formats: uncompressed
        extension(extensions, 0x000d, new int[] {0x0403, 0x0804, 0x0401}); // signature_algorithms
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);
        u16(record, 0x0301); // record layer version, as clients send it
        u16(record, body.size() + 4);
        record.write(1); // client_hello
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    /** An extension whose data is a 16-bit list of 16-bit values. */
    private static void extension(ByteArrayOutputStream out, int type, int[] values) {
        u16(out, type);
        u16(out, values.length * 2 + 2);
        u16(out, values.length * 2);
        for (int value : values) {
            u16(out, value);
        }
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8 & 0xff);
        out.write(value & 0xff);
    }
}
