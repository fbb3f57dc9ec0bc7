package org.galdav.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.galdav.core.AddressBlock;
import org.galdav.core.AddressBooks;
import org.galdav.core.Authenticator;
import org.galdav.core.CredentialsRejectedException;
import org.galdav.core.Deadline;
import org.galdav.core.DeadlineExceededException;
import org.galdav.core.LoginThrottledException;
import org.galdav.core.Principal;
import org.galdav.core.Principals;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.core.UserCredentials;
import org.galdav.dav.DavException;
import org.galdav.dav.DavPaths;
import org.galdav.dav.Resources;
import org.galdav.dav.SupportedReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes DAV requests: discovery redirect and OPTIONS without credentials, everything else after
 * Basic authentication, one class per method; a browser's requests go to the {@link BrowserPages}
 * ({@link PageRequests} says which). Each request's work runs under its {@link Deadline}
 * ({@code http.request-timeout}), which also expires when its connection closes or the server stops
 * waiting for it ({@link #abandonInFlight}). All failures become clean HTTP answers here; stack traces go
 * to the log only.
 */
public final class DavHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DavHandler.class);
    static final String ALLOW = "OPTIONS, GET, HEAD, PROPFIND, REPORT";
    /**
     * Compliance classes of every resource: WebDAV 1 and 3 (RFC 4918 §18), access-control (RFC 3744 §7.2,
     * which RFC 6352 §3 requires of a CardDAV server; Evolution, Outlook CalDav Synchronizer and iOS look for
     * it) and addressbook (RFC 6352 §6.1).
     */
    static final String DAV_CLASSES = "1, 3, access-control, addressbook";
    private static final Set<String> WRITES = Set.of("PUT", "DELETE", "PROPPATCH", "MKCOL", "MKCALENDAR", "COPY",
            "MOVE", "LOCK", "UNLOCK", "POST", "ACL", "PATCH", "BIND", "UNBIND", "REBIND");

    private final HttpSettings settings;
    private final RequestLimits limits;
    private final TimeSource time;
    /** Set when the server stops and its grace is over: every request's deadline expires. */
    private volatile boolean abandoned;
    /** The requests being worked on and their threads, so that stopping can wake those that wait. */
    private final Map<HttpServerExchange, Thread> inFlight = new ConcurrentHashMap<>();
    private final Authenticator authenticator;
    private final PropfindMethod propfind;
    private final ReportMethod report;
    private final GetMethod get;
    private final WriteRefusal writes;
    private final BrowserPages pages;
    /** What supported-report-set is derived from: the registry's reports, in its order. */
    private final List<SupportedReport> supported;

    public DavHandler(HttpSettings settings, RequestLimits limits, TimeSource time, Authenticator authenticator,
                      AddressBooks books, Principals principals, BrowserPages pages) {
        this.settings = settings;
        this.limits = limits;
        this.time = time;
        this.authenticator = authenticator;
        Lookup lookup = new Lookup(books, principals);
        this.propfind = new PropfindMethod(lookup);
        Reporters reporters = new Reporters(lookup, settings.maxQueryResults(), limits);
        this.supported = reporters.supported();
        this.report = new ReportMethod(lookup, reporters);
        this.get = new GetMethod(lookup);
        this.writes = new WriteRefusal(lookup);
        this.pages = pages;
    }

    @Override
    public void handleRequest(HttpServerExchange http) throws Exception {
        if (http.isInIoThread()) {
            // Directory calls block; keep them off the IO threads.
            http.dispatch(this);
            return;
        }
        http.startBlocking();
        Deadline deadline = Deadline.after(limits.requestTimeout(), time,
                () -> abandoned || !http.getConnection().isOpen());
        inFlight.put(http, Thread.currentThread());
        try (Deadline.Scope scope = deadline.open()) {
            route(http);
        } catch (DavException e) {
            LOG.info("{} {} -> {} {}", http.getRequestMethod(), http.getRequestPath(), e.status(), e.getMessage());
            Responses.error(http, e);
        } catch (CredentialsRejectedException e) {
            LOG.info("{} {} -> 401: {}", http.getRequestMethod(), http.getRequestPath(), e.getMessage());
            BasicAuth.parse(http.getRequestHeaders().getFirst(Headers.AUTHORIZATION))
                    .ifPresent(c -> authenticator.forget(c.login(), c.password()));
            if (!http.isResponseStarted()) {
                http.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                        "Basic realm=\"" + settings.realm() + "\", charset=\"UTF-8\"");
                Responses.text(http, 401, "Authentication required.");
            } else {
                http.getConnection().close();
            }
        } catch (LoginThrottledException e) {
            // RFC 6585 §4: 429 answers at once and holds no thread, where a delayed 401 would hold one per guess.
            LOG.info("{} {} -> 429: {}", http.getRequestMethod(), http.getRequestPath(), e.getMessage());
            long seconds = e.retryAfter().toSeconds();
            closeUnread(http);
            http.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
            Responses.text(http, 429, "Too many failed logins; try again in " + seconds + " seconds.");
        } catch (SourceUnavailableException e) {
            LOG.warn("{} {} -> 503: {}", http.getRequestMethod(), http.getRequestPath(), e.getMessage());
            if (!http.isResponseStarted()) {
                http.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
                Responses.text(http, 503, "The directory is not reachable right now; try again later.");
            } else {
                http.getConnection().close();
            }
        } catch (DeadlineExceededException e) {
            LOG.warn("{} {} -> 503: stopped, {}", http.getRequestMethod(), http.getRequestPath(),
                    abandoned ? "the server is stopping" : e.getMessage());
            if (!http.isResponseStarted() && http.getConnection().isOpen()) {
                // RFC 9110 §15.6.4: the server cannot answer now; a later try may find it less busy.
                http.getResponseHeaders().put(Headers.RETRY_AFTER, "30");
                Responses.text(http, 503, abandoned ? "The server is stopping; try again shortly."
                        : "The request took too long and was stopped; try again later.");
            } else {
                http.getConnection().close();
            }
        } catch (IOException e) {
            LOG.info("{} {}: client connection failed: {}", http.getRequestMethod(), http.getRequestPath(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", http.getRequestMethod(), http.getRequestPath(), e);
            if (!http.isResponseStarted()) {
                Responses.text(http, 500, "Internal server error; the server log has the details.");
            } else {
                http.getConnection().close();
            }
        } finally {
            inFlight.remove(http);
            // An interrupt from abandonInFlight must not follow the thread back into the worker pool.
            Thread.interrupted();
        }
    }

    /**
     * A request refused before its body was read: the connection is closed after the answer instead of
     * reading (and waiting for) the rest of the body on a worker thread.
     */
    private static void closeUnread(HttpServerExchange http) {
        if (!http.isRequestComplete()) {
            http.setPersistent(false);
        }
    }

    /**
     * Ends the work of every request in flight: the server is stopping and has waited long enough
     * ({@code http.shutdown-grace}). Their deadlines expire, and their threads are interrupted, which
     * frees those waiting to read a body, to write an answer or for the directory.
     *
     * @return how many requests were still in flight
     */
    public int abandonInFlight() {
        abandoned = true;
        int count = inFlight.size();
        inFlight.values().forEach(Thread::interrupt);
        return count;
    }

    private void route(HttpServerExchange http) throws IOException {
        String method = http.getRequestMethod().toString();
        String path = http.getRequestPath();
        if (path.equals(DavPaths.WELL_KNOWN) || path.equals(DavPaths.WELL_KNOWN + "/")) {
            // RFC 6764 §5: no authentication before the redirect; 301 for every method, as clients expect.
            http.setStatusCode(301);
            http.getResponseHeaders().put(Headers.LOCATION, DavPaths.ROOT);
            http.endExchange();
            return;
        }
        if (method.equals("OPTIONS")) {
            http.getResponseHeaders().put(Headers.ALLOW, ALLOW);
            http.getResponseHeaders().put(new HttpString("DAV"), DAV_CLASSES);
            http.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
            http.setStatusCode(200);
            http.endExchange();
            return;
        }
        Optional<BasicAuth.Credentials> credentials = BasicAuth.parse(http.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        Optional<Principal> principal = authenticate(http, credentials);
        if (principal.isEmpty()) {
            closeUnread(http);
            http.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
                    "Basic realm=\"" + settings.realm() + "\", charset=\"UTF-8\"");
            Responses.text(http, 401, "Authentication required.");
            return;
        }
        UserCredentials password = principal.get().isAnonymous() ? UserCredentials.NONE
                : new UserCredentials(credentials.map(BasicAuth.Credentials::password).orElse(""));
        if (PageRequests.forPages(method, path, http.getRequestHeaders().getFirst(Headers.ACCEPT))) {
            pages.serve(http, principal.get(), password);
            return;
        }
        Resources resources = new Resources(principal.get(), settings.serverName(), supported);
        Exchange exchange = new Exchange(http, principal.get(), password, resources, settings.maxRequestBytes());
        switch (method) {
            case "PROPFIND": propfind.handle(exchange); return;
            case "REPORT": report.handle(exchange); return;
            case "GET": get.handle(exchange, false); return;
            case "HEAD": get.handle(exchange, true); return;
            default:
                if (WRITES.contains(method)) {
                    http.getResponseHeaders().put(Headers.ALLOW, ALLOW);
                    writes.handle(exchange, method);
                    return;
                }
                throw new DavException(501, method + " is not implemented");
        }
    }

    private Optional<Principal> authenticate(HttpServerExchange http, Optional<BasicAuth.Credentials> credentials) {
        if (http.getRequestHeaders().getFirst(Headers.AUTHORIZATION) == null) {
            return settings.anonymousRead() ? Optional.of(Principal.ANONYMOUS) : Optional.empty();
        }
        AddressBlock client = AddressBlock.of(ClientAddress.of(http));
        return credentials.flatMap(c -> authenticator.authenticate(c.login(), c.password(), client));
    }
}
