package org.galdav.server;

import com.github.benmanes.caffeine.cache.Ticker;
import com.unboundid.ldap.sdk.LDAPException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.book.ChangeTracker;
import org.galdav.book.LdapAddressBook;
import org.galdav.cache.CacheSettings;
import org.galdav.cache.CachingAddressBook;
import org.galdav.cache.CachingAuthenticator;
import org.galdav.config.AuthSettings;
import org.galdav.config.BookSettings;
import org.galdav.config.Settings;
import org.galdav.core.AddressBook;
import org.galdav.core.BookInfo;
import org.galdav.demo.DemoDirectory;
import org.galdav.directory.ChangeFeeds;
import org.galdav.directory.Directory;
import org.galdav.directory.GroupMembership;
import org.galdav.directory.LdapAuthenticator;
import org.galdav.directory.LdapPrincipals;
import org.galdav.directory.SearchObserver;
import org.galdav.http.AccessLog;
import org.galdav.http.DavHandler;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.MappingLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every layer from {@link Settings} and runs it. The embedded demo
 * directory, when used, is reached over LDAP on loopback exactly like a real one.
 */
public final class GaldavServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GaldavServer.class);
    private static final long MAX_CARD_BYTES = 1024 * 1024;

    private final DirectoryConnection connection;
    private final Undertow undertow;
    private final String url;
    private final List<LdapAddressBook> books;

    private GaldavServer(DirectoryConnection connection, Undertow undertow, String url, List<LdapAddressBook> books) {
        this.connection = connection;
        this.undertow = undertow;
        this.url = url;
        this.books = books;
    }

    public static GaldavServer start(Settings settings) throws LDAPException {
        return start(settings, SearchObserver.NONE, Ticker.systemTicker());
    }

    /** @param observer sees every LDAP search (metrics; tests check selectivity with it) */
    public static GaldavServer start(Settings settings, SearchObserver observer, Ticker ticker) throws LDAPException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SearchObserver metered = (filter, entries, pages, nanos) -> {
            registry.timer("galdav.ldap.searches").record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            registry.counter("galdav.ldap.entries").increment(entries);
            observer.searched(filter, entries, pages, nanos);
        };
        DirectoryConnection connection = DirectoryConnection.open(settings.directory(), metered);
        Directory directory = connection.directory();
        String baseDn = connection.baseDn();
        try {
            List<LdapAddressBook> ldapBooks = new ArrayList<>();
            List<AddressBook> served = new ArrayList<>();
            List<ConfiguredBooks.Entry> visible = new ArrayList<>();
            org.galdav.sync.SnapshotStore snapshots = new org.galdav.sync.SnapshotStore(settings.sync().stateDir(),
                    settings.sync().horizon(), java.time.Clock.systemUTC());
            for (BookSettings book : settings.books()) {
                EntryMapper mapper = new EntryMapper(mappingFor(book));
                BookInfo info = new BookInfo(book.id(), book.displayName(), book.description(), MAX_CARD_BYTES,
                        book.directoryGateway());
                String bookBase = book.base(baseDn);
                LdapAddressBook ldapBook = new LdapAddressBook(info, directory, bookBase, mapper);
                CachingAddressBook cached = new CachingAddressBook(ldapBook, settings.cache(), ticker);
                Optional<java.util.function.BiFunction<org.galdav.core.Principal, String, AddressBook>> perUser =
                        Optional.empty();
                if (book.bindAsUser()) {
                    // Each user gets their own view and caches, small ones: they only hold what that user reads.
                    CacheSettings small = settings.cache().perUser();
                    perUser = Optional.of((principal, password) -> new CachingAddressBook(new LdapAddressBook(info,
                            directory.boundAs(principal.dn(), password), bookBase, mapper), small, ticker));
                    visible.add(new ConfiguredBooks.Entry(cached, book.allowedGroups(), perUser));
                } else {
                    // Per-user views have no sync: what each user sees differs, tokens would not be shared.
                    ChangeTracker tracked = new ChangeTracker(cached, ldapBook,
                            () -> changeFeed(directory, bookBase, settings, book, mapper.mapping()),
                            settings.sync().pollInterval(), ticker::read, new ChangeTracker.Listener() {
                                @Override
                                public void loaded(org.galdav.core.Card card) {
                                    cached.remember(card);
                                }

                                @Override
                                public void changed(java.util.Collection<String> names) {
                                    cached.forget(names);
                                    registry.counter("galdav.sync.cards.changed", "book", book.id())
                                            .increment(names.size());
                                }

                                @Override
                                public void listed() {
                                    registry.counter("galdav.sync.listings", "book", book.id()).increment();
                                }

                                @Override
                                public void polled() {
                                    registry.counter("galdav.sync.polls", "book", book.id()).increment();
                                }
                            });
                    AddressBook syncing = new org.galdav.sync.SyncingAddressBook(tracked, snapshots,
                            java.time.Clock.systemUTC());
                    ldapBooks.add(ldapBook);
                    served.add(syncing);
                    visible.add(new ConfiguredBooks.Entry(syncing, book.allowedGroups(), perUser));
                }
            }
            AuthSettings auth = settings.auth();
            String userBase = auth.userBase(baseDn);
            CachingAuthenticator authenticator = new CachingAuthenticator(
                    new LdapAuthenticator(directory, userBase, auth.loginFilter()), settings.cache(), ticker);
            LdapPrincipals principals = new LdapPrincipals(directory, userBase, auth.loginFilter(),
                    auth.loginAttribute(), auth.userFilter());
            DavHandler dav = new DavHandler(settings.http(), authenticator, new ConfiguredBooks(visible,
                    new GroupMembership(directory, baseDn, settings.cache().authTtl()), settings.cache().authTtl()),
                    principals);
            PathHandler paths = Handlers.path(dav)
                    .addExactPath("/metrics", exchange -> {
                        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                        exchange.getResponseSender().send(registry.scrape());
                    })
                    .addExactPath("/health", health(directory));
            Undertow.Builder builder = Undertow.builder().setHandler(new AccessLog(paths, registry))
                    // Undertow's own limit (2 MiB by default) must not undercut http.max-request-bytes.
                    .setServerOption(io.undertow.UndertowOptions.MAX_ENTITY_SIZE, settings.http().maxRequestBytes() + 1);
            if (settings.http().keyStore().isPresent()) {
                builder.addHttpsListener(settings.http().port(), settings.http().host(),
                        ServerTls.context(settings.http().keyStore().get(), settings.http().keyStorePassword()));
            } else {
                builder.addHttpListener(settings.http().port(), settings.http().host());
            }
            Undertow undertow = builder.build();
            undertow.start();
            InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
            String host = address.getAddress().isAnyLocalAddress() ? "localhost" : settings.http().host();
            String scheme = settings.http().keyStore().isPresent() ? "https" : "http";
            String url = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
            LOG.info("galdav listening on {}", url);
            if (settings.cache().warmUp()) {
                warmUp(served);
            }
            return new GaldavServer(connection, undertow, url, ldapBooks);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** How a book follows directory changes; none when its cards show back-links (see docs/sync.md). */
    private static Optional<org.galdav.directory.ChangeFeed> changeFeed(Directory directory, String base,
                                                                      Settings settings, BookSettings book,
                                                                      org.galdav.mapping.Mapping mapping) {
        if (!mapping.backLinkAttributes().isEmpty()) {
            LOG.info("address book {} shows {}, which change tracking does not report on the member; its changes "
                    + "are found by comparing listings", book.id(), mapping.backLinkAttributes());
            return Optional.empty();
        }
        return ChangeFeeds.open(directory, base, settings.sync().changeTracking());
    }

    /** A book's mapping with the book's own exclusions folded in, as the server and preview both use it. */
    static org.galdav.mapping.Mapping mappingFor(BookSettings book) {
        org.galdav.mapping.Mapping mapping = MappingLoader.load(book.mapping());
        return book.excludeFilter().map(mapping::excluding).orElse(mapping);
    }

    /**
     * Lists every book once in the background: the first client to sync finds listing and ctag ready,
     * and group cards find their members' UIDs without extra reads.
     */
    private static void warmUp(List<AddressBook> books) {
        Thread thread = new Thread(() -> {
            for (AddressBook book : books) {
                long start = System.nanoTime();
                try {
                    book.ctag();
                    LOG.info("address book {} listed in {} ms", book.info().id(), (System.nanoTime() - start) / 1_000_000);
                } catch (RuntimeException e) {
                    LOG.warn("address book {} could not be listed at start: {}", book.info().id(), e.getMessage());
                }
            }
        }, "galdav-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static HttpHandler health(Directory directory) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(health(directory));
                return;
            }
            boolean up = directory.isReachable();
            exchange.setStatusCode(up ? 200 : 503);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send(up ? "ok\n" : "directory unreachable\n");
        };
    }

    /** The base URL clients connect to, e.g. http://127.0.0.1:8080/. */
    public String url() {
        return url;
    }

    /** The embedded demo directory, when running without ldap.url. */
    public Optional<DemoDirectory> demo() {
        return connection.demo();
    }

    /** The LDAP-backed books, uncached; for tests and diagnostics. */
    public List<LdapAddressBook> books() {
        return books;
    }

    @Override
    public void close() {
        undertow.stop();
        connection.close();
    }
}
