package org.galdav.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlySearchRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory directory for the directory package's own tests: {@code people} entries below
 * {@value #PEOPLE}, a service account and a user with passwords, and hooks that make the server
 * misbehave the way real ones do (refuse a search with a result code, ignore paging so that its size
 * limit caps the whole result, as OpenLDAP's plain {@code sizelimit} does). It records the page sizes
 * of the paged searches it receives and the DNs of the binds.
 */
final class TestLdap implements AutoCloseable {
    static final String BASE = "dc=example,dc=org";
    static final String PEOPLE = "ou=people," + BASE;
    static final String SERVICE_DN = "cn=galdav," + BASE;
    static final String SERVICE_PASSWORD = "service-secret";
    static final String USER_DN = "uid=ada," + PEOPLE;
    static final String USER_PASSWORD = "ada-secret";
    /** Request timeout, probe interval and probe timeout of the directory package's tests. */
    static final LdapTimeouts TIMEOUTS = new LdapTimeouts(Duration.ofSeconds(5), Duration.ofMillis(50),
            Duration.ofSeconds(1));

    private final InMemoryDirectoryServer server;
    private final Hooks hooks;

    private TestLdap(InMemoryDirectoryServer server, Hooks hooks) {
        this.server = server;
        this.hooks = hooks;
    }

    /** @param maxSizeLimit the server's own size limit (0: none) */
    static TestLdap start(int people, int maxSizeLimit) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0,
                null));
        config.setMaxSizeLimit(maxSizeLimit);
        Hooks hooks = new Hooks();
        config.addInMemoryOperationInterceptor(hooks);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        hooks.server = server;
        List<Entry> entries = new ArrayList<>();
        entries.add(entry("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example"));
        entries.add(entry("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people"));
        entries.add(entry("dn: " + SERVICE_DN, "objectClass: top", "objectClass: person", "cn: galdav",
                "sn: galdav", "userPassword: " + SERVICE_PASSWORD));
        entries.add(entry("dn: " + USER_DN, "objectClass: top", "objectClass: inetOrgPerson", "uid: ada",
                "cn: Ada Lovelace", "sn: Lovelace", "userPassword: " + USER_PASSWORD));
        server.addEntries(entries);
        TestLdap ldap = new TestLdap(server, hooks);
        for (int i = 0; i < people; i++) {
            ldap.addPerson("p" + i, UUID.nameUUIDFromBytes(("p" + i).getBytes(StandardCharsets.UTF_8)).toString());
        }
        server.startListening();
        return ldap;
    }

    /** Adds {@code uid=<uid>} below {@value #PEOPLE} with a chosen entryUUID (for range splitting). */
    void addPerson(String uid, String entryUuid) throws LDAPException {
        AddRequest add = new AddRequest(entry("dn: uid=" + uid + "," + PEOPLE, "objectClass: top",
                "objectClass: inetOrgPerson", "uid: " + uid, "cn: Person " + uid.substring(1), "sn: " + uid,
                "entryUUID: " + entryUuid));
        // entryUUID is NO-USER-MODIFICATION; the control loads it as given.
        add.addControl(new IgnoreNoUserModificationRequestControl());
        server.add(add);
    }

    /** Adds an entry given as LDIF lines. */
    void add(String... ldif) throws LDAPException {
        server.add(entry(ldif));
    }

    private static Entry entry(String... ldif) {
        try {
            return new Entry(ldif);
        } catch (LDIFException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Settings for galdav bound as the service account, with at most {@code poolSize} pooled connections. */
    LdapSettings settings(int poolSize, int pageSize) {
        return settings(poolSize, pageSize, TIMEOUTS);
    }

    /** Like {@link #settings(int, int)} with the given request and probe timeouts. */
    LdapSettings settings(int poolSize, int pageSize, LdapTimeouts timeouts) {
        return settings(List.of(url()), poolSize, pageSize, timeouts);
    }

    /** Settings reaching the directories at {@code urls} (fail-over in order). */
    static LdapSettings settings(List<String> urls, int poolSize, int pageSize, LdapTimeouts timeouts) {
        return new LdapSettings(urls, SERVICE_DN, SERVICE_PASSWORD, false, Optional.empty(), Optional.empty(),
                poolSize, pageSize, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(5), timeouts);
    }

    String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    /**
     * Searches whose base DN passes {@code which} are not answered until {@link #answerAgain}: a server
     * that accepts them and hangs.
     */
    void hangSearches(Predicate<String> which) {
        hooks.hanging = new CountDownLatch(1);
        hooks.hangBase = which;
    }

    /** Hanging searches are answered, and new ones too. */
    void answerAgain() {
        hooks.hangBase = dn -> false;
        hooks.hanging.countDown();
    }

    /** Drops every client connection once a search has sent {@code entries} entries (once). */
    void dropConnectionsAfter(int entries) {
        hooks.dropAfter = entries;
    }

    /** How many searches with this base DN were received. */
    long searchesOf(String baseDn) {
        return hooks.bases.stream().filter(baseDn::equalsIgnoreCase).count();
    }

    /** Searches whose base DN passes {@code which} are answered with {@code code} and nothing else. */
    void refuseSearches(Predicate<String> which, ResultCode code) {
        hooks.refuseBase = which;
        hooks.refusal = code;
    }

    /** Simple binds other than the service account's are answered with {@code code} (null: normally). */
    void refuseBinds(ResultCode code) {
        hooks.bindRefusal = code;
    }

    /** Paging controls are dropped, so the size limit caps every search as a whole. */
    void ignorePaging() {
        hooks.ignorePaging = true;
    }

    /**
     * Values of {@code attribute} beyond {@code size} are sent in slices, as Active Directory's ranged
     * retrieval does ({@code member;range=0-1}, then {@code member;range=2-*} on request).
     */
    void sliceAttribute(String attribute, int size) {
        hooks.sliced = attribute;
        hooks.sliceSize = size;
    }

    /** The page size of each paged search received, in order (0: a request to abandon). */
    List<Integer> pageSizes() {
        return List.copyOf(hooks.pageSizes);
    }

    /** How many searches the server received. */
    int searches() {
        return hooks.searches.get();
    }

    /** The DN of each simple bind received, in order. */
    List<String> binds() {
        return List.copyOf(hooks.binds);
    }

    /** The identity a connection is bound as now, "dn:..." (RFC 4532). */
    static String whoAmI(LDAPConnection connection) throws LDAPException {
        return ((WhoAmIExtendedResult) connection.processExtendedOperation(new WhoAmIExtendedRequest()))
                .getAuthorizationID();
    }

    InMemoryDirectoryServer server() {
        return server;
    }

    @Override
    public void close() {
        answerAgain();
        server.shutDown(true);
    }

    private static final class Hooks extends InMemoryOperationInterceptor {
        private static final Pattern SLICE = Pattern.compile("(?i)([a-z0-9-]+);range=(\\d+)-\\*");
        final List<Integer> pageSizes = new CopyOnWriteArrayList<>();
        final List<String> binds = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
        volatile Predicate<String> refuseBase = dn -> false;
        volatile ResultCode refusal;
        volatile ResultCode bindRefusal;
        volatile boolean ignorePaging;
        volatile String sliced;
        volatile int sliceSize;
        final List<String> bases = new CopyOnWriteArrayList<>();
        volatile Predicate<String> hangBase = dn -> false;
        volatile CountDownLatch hanging = new CountDownLatch(0);
        volatile int dropAfter;
        final AtomicInteger sent = new AtomicInteger();
        InMemoryDirectoryServer server;

        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
            ReadOnlySearchRequest search = request.getRequest();
            searches.incrementAndGet();
            bases.add(search.getBaseDN());
            if (hangBase.test(search.getBaseDN())) {
                try {
                    hanging.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (refuseBase.test(search.getBaseDN())) {
                throw new LDAPException(refusal, "refused by the test");
            }
            if (sliced != null && lowOfSlice(search) > 0) {
                SearchRequest whole = search.duplicate();
                List<String> attributes = new ArrayList<>(List.of(whole.getAttributes()));
                attributes.add(sliced); // the whole attribute; processSearchEntry cuts the slice
                whole.setAttributes(attributes);
                request.setRequest(whole);
                search = whole;
            }
            Control paged = search.getControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
            if (paged != null) {
                pageSizes.add(new SimplePagedResultsControl(paged.getOID(), paged.isCritical(), paged.getValue())
                        .getSize());
                if (ignorePaging) {
                    SearchRequest unpaged = search.duplicate();
                    unpaged.removeControl(SimplePagedResultsControl.PAGED_RESULTS_OID);
                    request.setRequest(unpaged);
                }
            }
        }

        @Override
        public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
            if (dropAfter > 0 && sent.incrementAndGet() == dropAfter) {
                // The server dies mid-search, as far as this client can tell: no more entries go out after this one.
                Thread drop = new Thread(() -> server.closeAllConnections(false));
                drop.start();
                try {
                    drop.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Attribute attribute = sliced == null ? null : result.getSearchEntry().getAttribute(sliced);
            if (attribute == null || attribute.size() <= sliceSize) {
                return;
            }
            String[] values = attribute.getValues();
            int low = Math.min(lowOfSlice(result.getRequest()), values.length);
            int end = Math.min(values.length, low + sliceSize);
            Entry entry = result.getSearchEntry().duplicate();
            entry.removeAttribute(sliced);
            entry.addAttribute(new Attribute(sliced + ";range=" + low + "-" + (end == values.length ? "*" : end - 1),
                    Arrays.copyOfRange(values, low, end)));
            result.setSearchEntry(entry);
        }

        /** Where the slice a search asks for starts ({@code member;range=2-*}: 2); 0 for the first. */
        private int lowOfSlice(ReadOnlySearchRequest search) {
            for (String requested : search.getAttributeList()) {
                Matcher m = SLICE.matcher(requested);
                if (m.matches() && m.group(1).equalsIgnoreCase(sliced)) {
                    return Integer.parseInt(m.group(2));
                }
            }
            return 0;
        }

        @Override
        public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) throws LDAPException {
            SimpleBindRequest bind = request.getRequest();
            binds.add(bind.getBindDN());
            if (bindRefusal != null && !bind.getBindDN().equalsIgnoreCase(SERVICE_DN)) {
                throw new LDAPException(bindRefusal, "refused by the test");
            }
        }
    }
}
