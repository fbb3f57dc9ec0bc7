package org.galdav.server;

import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.Optional;
import org.galdav.cache.CachingAuthenticator;
import org.galdav.cache.ThrottlingAuthenticator;
import org.galdav.config.AuthSettings;
import org.galdav.config.Settings;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoDirectory;
import org.galdav.directory.GroupMembership;
import org.galdav.directory.LdapAuthenticator;
import org.galdav.directory.LdapPrincipals;
import org.galdav.directory.SearchObserver;
import org.galdav.directory.UserEntries;
import org.galdav.http.DavHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every layer from {@link Settings} and runs it. Nothing else wires layers
 * together, and nothing imports this package.
 */
public final class GaldavServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GaldavServer.class);
    /** How long close() waits for the warm-up listing to notice that the directory closed. */
    private static final Duration WARM_UP_END = Duration.ofSeconds(10);
    /** The shortest rest before a book whose listing at start failed is listed again. */
    private static final Duration WARM_UP_RETRY_MIN = Duration.ofSeconds(5);

    private final ServerMetrics metrics;
    private final DirectoryConnection directory;
    private final HttpFront front;
    private final Optional<WarmUp> warmUp;
    private final Readiness readiness;

    private GaldavServer(DirectoryConnection directory, HttpFront front, Optional<WarmUp> warmUp, Readiness readiness,
                         ServerMetrics metrics) {
        this.metrics = metrics;
        this.directory = directory;
        this.front = front;
        this.warmUp = warmUp;
        this.readiness = readiness;
    }

    public static GaldavServer start(Settings settings) throws LDAPException {
        return start(settings, SearchObserver.NONE, TimeSource.SYSTEM);
    }

    /**
     * @param observer sees every LDAP search (tests check selectivity with it)
     * @param time     the one clock every layer measures, expires and dates with
     */
    public static GaldavServer start(Settings settings, SearchObserver observer, TimeSource time)
            throws LDAPException {
        ServerMetrics metrics = new ServerMetrics(time);
        DirectoryConnection directory;
        try {
            directory = DirectoryConnection.open(settings.directory(), metrics.searches(observer), time);
        } catch (LDAPException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        metrics.watch(directory.directory());
        try {
            Readiness readiness = new Readiness(directory.directory(), Readiness.awaited(settings));
            PublishedBooks books = PublishedBooks.build(settings, directory, metrics, readiness::listed, time);
            UserEntries users = users(settings.auth(), directory);
            LdapPrincipals principals = new LdapPrincipals(users, settings.auth().loginAttribute(),
                    settings.auth().userFilter());
            ConfiguredBooks visible = visibility(settings, directory, books, time);
            Optional<TlsFront> tls = TlsFront.start(settings.http().tls(), metrics, time);
            HttpFront front;
            try {
                DavHandler dav = new DavHandler(settings.http(), settings.limits(), time,
                        new ThrottlingAuthenticator(new CachingAuthenticator(new LdapAuthenticator(users, principals),
                                settings.cache(), time), settings.throttle(), time),
                        visible, principals, SetupAssembly.pages(settings, visible, tls));
                DescriptorLimit.warning(settings.connections()).ifPresent(LOG::warn);
                front = HttpFront.start(settings.http(), settings.limits(), settings.connections(), dav,
                        directory.directory(), readiness, metrics, tls, time);
            } catch (RuntimeException e) {
                tls.ifPresent(TlsFront::close);
                throw e;
            }
            try {
                LOG.info("galdav listening on {}", front.url());
                Duration retry = settings.sync().pollInterval().compareTo(WARM_UP_RETRY_MIN) < 0 ? WARM_UP_RETRY_MIN
                        : settings.sync().pollInterval();
                Optional<WarmUp> warmUp = settings.cache().warmUp()
                        ? Optional.of(WarmUp.start(books.shared(), time, Optional.of(retry), readiness::listed))
                        : Optional.empty();
                return new GaldavServer(directory, front, warmUp, readiness, metrics);
            } catch (RuntimeException e) {
                front.close();
                throw e;
            }
        } catch (RuntimeException e) {
            directory.close();
            metrics.close();
            throw e;
        }
    }

    /** The users: who logs in (checked by an LDAP bind) and who principal searches find. */
    static UserEntries users(AuthSettings auth, DirectoryConnection directory) {
        return new UserEntries(directory.directory(), auth.userBase(directory.baseDn()), auth.loginFilter());
    }

    /** Who may see which book: group membership is remembered as long as a login is. */
    private static ConfiguredBooks visibility(Settings settings, DirectoryConnection directory, PublishedBooks books,
                                              TimeSource time) {
        Duration ttl = settings.cache().authTtl();
        return new ConfiguredBooks(books.entries(), new GroupMembership(directory.directory(), directory.baseDn(),
                ttl, time), ttl, time);
    }

    /** The base URL clients connect to, e.g. http://127.0.0.1:8080/. */
    public String url() {
        return front.url();
    }

    /** The listening side (tests reach the TLS reloader and the redirect port through it). */
    HttpFront front() {
        return front;
    }

    /** The embedded demo directory, when running without ldap.url. */
    public Optional<DemoDirectory> demo() {
        return directory.demo();
    }

    /** Whether the instance is ready for clients, and what it waits for when not ({@code /health/ready}). */
    Readiness readiness() {
        return readiness;
    }

    /**
     * Stops listening, lets requests in flight finish within {@code http.shutdown-grace} and then ends their
     * work, and stops the warm-up listing and the directory connections (the pool), in that order. Returns
     * within a bounded time whatever is in flight (the JVM's shutdown hook calls it on SIGTERM).
     *
     * @return how many requests were still in flight after the grace and had their work ended
     */
    public int stop() {
        front.close();
        warmUp.ifPresent(WarmUp::stop);
        directory.close();
        warmUp.ifPresent(w -> w.awaitEnd(WARM_UP_END));
        metrics.close();
        return front.abandoned();
    }

    /** {@link #stop}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }
}
