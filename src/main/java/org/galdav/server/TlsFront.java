package org.galdav.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import io.undertow.server.HttpHandler;
import org.galdav.core.TimeSource;
import org.galdav.http.HttpSettings;
import org.galdav.http.TlsSettings;
import org.xnio.OptionMap;

/**
 * The HTTPS side of the listener, when {@code http.tls} names keys: the served certificate, read again on a
 * schedule ({@link CertificateReloader}); the one SSL context on it; HSTS on every answer; the plain-HTTP
 * redirect port; and the certificate's expiry as a metric that follows reloads.
 */
final class TlsFront implements AutoCloseable {
    private final TlsSettings settings;
    private final CertificateReloader reloader;
    private final SSLContext context;

    private TlsFront(TlsSettings settings, CertificateReloader reloader) {
        this.settings = settings;
        this.reloader = reloader;
        this.context = ServerTls.context(reloader.keys());
    }

    /**
     * Reads the files and starts reading them again every {@code http.tls.reload-interval}.
     *
     * @return empty for plain HTTP
     * @throws org.galdav.config.ConfigError when the files cannot be used
     */
    static Optional<TlsFront> start(TlsSettings settings, ServerMetrics metrics, TimeSource time) {
        return TlsFiles.of(settings).map(files -> {
            CertificateReloader reloader = CertificateReloader.load(files, time);
            metrics.certificateExpiry(reloader.keys(), keys -> keys.current().notAfter().getEpochSecond());
            reloader.every(settings.reloadInterval());
            return new TlsFront(settings, reloader);
        });
    }

    SSLContext context() {
        return context;
    }

    /** The listener's options: TLS 1.2 and 1.3, forward-secret suites ({@link ServerTls}). */
    OptionMap restrictions() {
        return ServerTls.restrictions(context);
    }

    /** {@code root} with HSTS on every answer ({@code http.tls.hsts-max-age}). */
    HttpHandler around(HttpHandler root) {
        return Hsts.around(root, settings.hstsMaxAge());
    }

    /**
     * Opens the redirect port on {@code listener}'s worker, when {@code http.tls.redirect-port} is set.
     *
     * @return where it listens
     */
    Optional<InetSocketAddress> redirect(Listener listener, HttpSettings http, OptionMap serverOptions,
                                         ConnectionBudget budget, Consumer<ConnectionBudget.Refusal> refused) {
        if (settings.redirectPort().isEmpty()) {
            return Optional.empty();
        }
        HttpsRedirect redirect = new HttpsRedirect(http.publicUrl(), listener.address().getPort());
        return Optional.of(listener.alsoPlain(http.host(), settings.redirectPort().getAsInt(), redirect, serverOptions,
                budget, refused));
    }

    /** Reads the files now (tests; the schedule does the same). */
    CertificateReloader reloader() {
        return reloader;
    }

    /** Stops the reading on schedule. */
    @Override
    public void close() {
        reloader.close();
    }
}
