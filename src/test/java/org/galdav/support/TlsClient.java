package org.galdav.support;

import java.io.IOException;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * One HTTPS connection, through its handshake: what the server presented, and raw HTTP/1.1 over it
 * ({@link RawHttp}), kept open between requests. Each client made with a fresh context does a full handshake
 * (no session is resumed), so it sees the certificate the server presents now.
 */
public final class TlsClient implements AutoCloseable {
    private final SSLSocket socket;
    private final RawHttp http;

    public TlsClient(SSLContext context, String url) throws IOException {
        URI uri = URI.create(url);
        socket = (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        http = new RawHttp(socket, uri.getHost());
    }

    /** The chain the server sent, its own certificate first. */
    public List<X509Certificate> peerChain() throws SSLPeerUnverifiedException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    }

    /** The server's certificate. */
    public X509Certificate peer() throws SSLPeerUnverifiedException {
        return peerChain().get(0);
    }

    /** Sends {@code method} on {@code path} as user demo and reads the answer; the connection stays open. */
    public RawHttp.Answer request(String method, String path) {
        return http.send(http.head(method, path, "Content-Length: 0")).answer();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
