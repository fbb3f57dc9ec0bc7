package org.galdav.it.ad;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchScope;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The in-memory LDAP server made to behave like Active Directory where galdav depends on it: no schema
 * checking (AD's schema is not loaded), a 1,000-entry size limit (MaxPageSize), the bitwise-AND matching
 * rule {@code 1.2.840.113556.1.4.803} on integer attributes, and ranged retrieval of multi-valued
 * attributes with more than 1,500 values ({@code member;range=0-1499}, MS-ADTS §3.1.1.3.1.3.3).
 */
public final class AdLikeDirectory implements AutoCloseable {
    public static final String BIT_AND = "1.2.840.113556.1.4.803";
    public static final int RANGE_SIZE = 1500;
    private static final Pattern RANGE = Pattern.compile("(?i)([a-z0-9-]+);range=(\\d+)-(\\d+|\\*)");

    private final InMemoryDirectoryServer server;

    private AdLikeDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    public static AdLikeDirectory start(String baseDn, List<Entry> entries) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        config.setSchema(null);
        config.setMaxSizeLimit(1000);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ad", InetAddress.getLoopbackAddress(), 0, null));
        Interceptor interceptor = new Interceptor();
        config.addInMemoryOperationInterceptor(interceptor);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        interceptor.server = server;
        server.addEntries(entries);
        server.startListening();
        return new AdLikeDirectory(server);
    }

    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static final class Interceptor extends InMemoryOperationInterceptor {
        volatile InMemoryDirectoryServer server;

        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
            SearchRequest copy = request.getRequest().duplicate();
            copy.setFilter(rewrite(copy.getFilter()));
            List<String> attributes = new ArrayList<>(Arrays.asList(copy.getAttributes()));
            for (String attribute : copy.getAttributes()) {
                Matcher m = RANGE.matcher(attribute);
                if (m.matches()) {
                    attributes.add(m.group(1)); // fetch the whole attribute; processSearchEntry slices it
                }
            }
            copy.setAttributes(attributes);
            request.setRequest(copy);
        }

        /** Bitwise AND on the values the directory actually holds, as equality alternatives. */
        private Filter rewrite(Filter filter) throws LDAPException {
            switch (filter.getFilterType()) {
                case Filter.FILTER_TYPE_AND:
                case Filter.FILTER_TYPE_OR: {
                    List<Filter> parts = new ArrayList<>();
                    for (Filter component : filter.getComponents()) {
                        parts.add(rewrite(component));
                    }
                    return filter.getFilterType() == Filter.FILTER_TYPE_AND
                            ? Filter.createANDFilter(parts) : Filter.createORFilter(parts);
                }
                case Filter.FILTER_TYPE_NOT:
                    return Filter.createNOTFilter(rewrite(filter.getNOTComponent()));
                case Filter.FILTER_TYPE_EXTENSIBLE_MATCH:
                    if (BIT_AND.equals(filter.getMatchingRuleID())) {
                        long bits = Long.parseLong(filter.getAssertionValue());
                        List<Filter> any = new ArrayList<>();
                        for (String value : values(filter.getAttributeName())) {
                            if ((Long.parseLong(value) & bits) == bits) {
                                any.add(Filter.createEqualityFilter(filter.getAttributeName(), value));
                            }
                        }
                        return any.isEmpty() ? Filter.createNOTFilter(Filter.createPresenceFilter("objectClass"))
                                : Filter.createORFilter(any);
                    }
                    return filter;
                default:
                    return filter;
            }
        }

        private final java.util.Map<String, Set<String>> known = new java.util.concurrent.ConcurrentHashMap<>();

        /** The values an attribute has anywhere; read once (tests load the directory before searching). */
        private Set<String> values(String attribute) throws LDAPException {
            Set<String> cached = known.get(attribute.toLowerCase(java.util.Locale.ROOT));
            if (cached != null) {
                return cached;
            }
            Set<String> values = scan(attribute);
            known.put(attribute.toLowerCase(java.util.Locale.ROOT), values);
            return values;
        }

        /** Paged, because this server's own size limit applies to internal searches too. */
        private Set<String> scan(String attribute) throws LDAPException {
            Set<String> values = new TreeSet<>();
            try (com.unboundid.ldap.sdk.LDAPConnection connection = server.getConnection()) {
                com.unboundid.asn1.ASN1OctetString cookie = null;
                do {
                    SearchRequest request = new SearchRequest(server.getBaseDNs().get(0).toString(), SearchScope.SUB,
                            Filter.createPresenceFilter(attribute), attribute);
                    request.addControl(new com.unboundid.ldap.sdk.controls.SimplePagedResultsControl(500, cookie));
                    com.unboundid.ldap.sdk.SearchResult result = connection.search(request);
                    for (Entry entry : result.getSearchEntries()) {
                        values.addAll(Arrays.asList(entry.getAttributeValues(attribute)));
                    }
                    cookie = com.unboundid.ldap.sdk.controls.SimplePagedResultsControl.get(result).getCookie();
                } while (cookie != null && cookie.getValueLength() > 0);
            }
            return values;
        }

        @Override
        public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
            Entry entry = result.getSearchEntry().duplicate();
            boolean changed = false;
            for (Attribute attribute : new ArrayList<>(entry.getAttributes())) {
                String[] values = attribute.getValues();
                if (values.length <= RANGE_SIZE || !attribute.getOptions().isEmpty()) {
                    continue;
                }
                int low = 0;
                for (String requested : result.getRequest().getAttributeList()) {
                    Matcher m = RANGE.matcher(requested);
                    if (m.matches() && m.group(1).equalsIgnoreCase(attribute.getBaseName())) {
                        low = Integer.parseInt(m.group(2));
                    }
                }
                int end = Math.min(values.length, low + RANGE_SIZE);
                String name = attribute.getBaseName() + ";range=" + low + "-" + (end == values.length ? "*" : end - 1);
                entry.removeAttribute(attribute.getName());
                entry.addAttribute(new Attribute(name, Arrays.copyOfRange(values, Math.min(low, values.length), end)));
                changed = true;
            }
            if (changed) {
                result.setSearchEntry(entry);
            }
        }
    }
}
