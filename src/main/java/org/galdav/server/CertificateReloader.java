package org.galdav.server;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.galdav.config.ConfigError;
import org.galdav.core.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves what the TLS files hold now: reads them again ({@link #reloadNow}, on a schedule with {@link #every}),
 * and when their contents changed and make a usable key and chain, swaps them into the
 * {@link SwappableKeyManager}. New files that cannot be used (unreadable, not PEM, a key that does not match, a
 * certificate that is not valid at that moment)
 * leave the certificate in use and are logged once, as one error line: the same broken contents are not
 * logged again at each poll, different broken contents are. Certbot's renewal swaps certificate and key one
 * after the other; a poll between the two sees a mismatch, logs it, and the next poll serves the new pair.
 */
final class CertificateReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    /** What one reading found. */
    enum Outcome {
        /** The files hold what is served. */
        UNCHANGED,
        /** New contents, now served. */
        RELOADED,
        /** New contents that cannot be used; logged, the old certificate stays. */
        REFUSED,
        /** The contents refused last time, not logged again. */
        STILL_REFUSED
    }

    private final TlsFiles files;
    private final SwappableKeyManager keys;
    private final TimeSource time;
    private String servedDigest;
    private String refusedDigest;
    private volatile Optional<ScheduledExecutorService> timer = Optional.empty();

    private CertificateReloader(TlsFiles files, SwappableKeyManager keys, String servedDigest, TimeSource time) {
        this.files = files;
        this.keys = keys;
        this.time = time;
        this.servedDigest = servedDigest;
    }

    /**
     * Reads the files for the start.
     *
     * @throws ConfigError naming the setting, the file and the problem
     */
    static CertificateReloader load(TlsFiles files, TimeSource time) {
        TlsFiles.Contents contents;
        KeyMaterial material;
        try {
            contents = files.read();
            material = files.parse(contents);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigError("configuration: " + e.getMessage(), e);
        }
        return new CertificateReloader(files, new SwappableKeyManager(material), contents.digest(), time);
    }

    /** The key manager to build the SSL context on. */
    SwappableKeyManager keys() {
        return keys;
    }

    /** Reads the files now and serves them when they changed and can be used. */
    synchronized Outcome reloadNow() {
        TlsFiles.Contents contents;
        try {
            contents = files.read();
        } catch (IOException e) {
            // Unreadable files (certbot between two steps, wrong permissions) are known by their problem.
            return refused("unreadable: " + e.getMessage(), e.getMessage());
        }
        String digest = contents.digest();
        if (digest.equals(servedDigest)) {
            if (refusedDigest != null) {
                LOG.info("TLS: the files hold the certificate in use again ({})", keys.current().describe());
                refusedDigest = null;
            }
            return Outcome.UNCHANGED;
        }
        if (digest.equals(refusedDigest)) {
            return Outcome.STILL_REFUSED;
        }
        KeyMaterial material;
        try {
            material = files.parse(contents);
        } catch (RuntimeException e) {
            return refused(digest, e.getMessage());
        }
        // An old certificate copied back by mistake (or one issued for later) would fail every new handshake
        // while the one in use still works.
        Instant now = time.now();
        X509Certificate served = material.certificate();
        if (served.getNotAfter().toInstant().isBefore(now) || served.getNotBefore().toInstant().isAfter(now)) {
            return refused(digest, "the new certificate " + material.subject() + " is not valid now (valid from "
                    + served.getNotBefore().toInstant() + " until " + material.notAfter() + ")");
        }
        keys.swap(material);
        servedDigest = digest;
        refusedDigest = null;
        LOG.info("TLS: new certificate from {} served to new connections: {}", files.names(), material.describe());
        return Outcome.RELOADED;
    }

    /** Reads the files again every {@code interval} on a thread of its own; zero: never. */
    void every(Duration interval) {
        if (interval.isZero()) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "galdav-tls-reload");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        // An exception escaping a scheduled task would end the schedule for good, without a word.
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                reloadNow();
            } catch (RuntimeException | Error e) {
                LOG.error("TLS: reading the certificate files again failed: {}", e.toString(), e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        timer = Optional.of(scheduler);
    }

    @Override
    public void close() {
        timer.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    private Outcome refused(String digest, String problem) {
        if (digest.equals(refusedDigest)) {
            return Outcome.STILL_REFUSED;
        }
        refusedDigest = digest;
        LOG.error("TLS: certificate NOT reloaded, still serving {}: {}", keys.current().describe(), problem);
        return Outcome.REFUSED;
    }
}
