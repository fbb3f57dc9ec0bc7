package org.galdav.server;

import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.Optional;
import org.galdav.cache.CachingAuthenticator;
import org.galdav.config.AuthSettings;
import org.galdav.config.Settings;
import org.galdav.core.Authenticator;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoDirectory;
import org.galdav.directory.GroupMembership;
import org.galdav.directory.LdapAuthenticator;
import org.galdav.directory.LdapPrincipals;
import org.galdav.directory.SearchObserver;
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

    private final DirectoryConnection directory;
    private final HttpFront front;
    private final Optional<WarmUp> warmUp;

    private GaldavServer(DirectoryConnection directory, HttpFront front, Optional<WarmUp> warmUp) {
        this.directory = directory;
        this.front = front;
        this.warmUp = warmUp;
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
        ServerMetrics metrics = new ServerMetrics();
        DirectoryConnection directory = DirectoryConnection.open(settings.directory(), metrics.searches(observer),
                time);
        try {
            PublishedBooks books = PublishedBooks.build(settings, directory, metrics, time);
            DavHandler dav = new DavHandler(settings.http(), authenticator(settings, directory, time),
                    visibility(settings, directory, books, time), principals(settings.auth(), directory));
            HttpFront front = HttpFront.start(settings.http(), dav, directory.directory(), metrics, time);
            LOG.info("galdav listening on {}", front.url());
            Optional<WarmUp> warmUp = settings.cache().warmUp()
                    ? Optional.of(WarmUp.start(books.shared(), time)) : Optional.empty();
            return new GaldavServer(directory, front, warmUp);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Logins checked by an LDAP bind, remembered for {@code cache.auth-ttl}. */
    private static Authenticator authenticator(Settings settings, DirectoryConnection directory, TimeSource time) {
        AuthSettings auth = settings.auth();
        return new CachingAuthenticator(new LdapAuthenticator(directory.directory(), auth.userBase(directory.baseDn()),
                auth.loginFilter()), settings.cache(), time);
    }

    /** Who may see which book: group membership is remembered as long as a login is. */
    private static ConfiguredBooks visibility(Settings settings, DirectoryConnection directory, PublishedBooks books,
                                              TimeSource time) {
        Duration ttl = settings.cache().authTtl();
        return new ConfiguredBooks(books.entries(), new GroupMembership(directory.directory(), directory.baseDn(),
                ttl, time), ttl, time);
    }

    /** Other users as principals, for principal-property-search (RFC 3744 §9.4). */
    private static LdapPrincipals principals(AuthSettings auth, DirectoryConnection directory) {
        return new LdapPrincipals(directory.directory(), auth.userBase(directory.baseDn()), auth.loginFilter(),
                auth.loginAttribute(), auth.userFilter());
    }

    /** The base URL clients connect to, e.g. http://127.0.0.1:8080/. */
    public String url() {
        return front.url();
    }

    /** The embedded demo directory, when running without ldap.url. */
    public Optional<DemoDirectory> demo() {
        return directory.demo();
    }

    /** Stops listening, the warm-up listing and the directory connections, in that order. */
    @Override
    public void close() {
        front.close();
        warmUp.ifPresent(WarmUp::stop);
        directory.close();
        warmUp.ifPresent(w -> w.awaitEnd(WARM_UP_END));
    }
}
