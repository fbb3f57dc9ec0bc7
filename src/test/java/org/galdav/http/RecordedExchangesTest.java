package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.unboundidds.controls.IgnoreNoUserModificationRequestControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.RecordedExchanges;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's wire output, byte for byte, against a recording: discovery, every PROPFIND shape,
 * GET/HEAD with conditions, multiget, queries, sync-collection before and after a directory change,
 * principal reports, refused writes and bad requests, on a fixed demo directory with three books.
 * A refactoring must leave every recorded response unchanged; a deliberate change of output is
 * re-recorded with {@code -Dgaldav.record-exchanges=true} and shows up as a diff of the files in
 * {@code src/test/resources/exchanges/}.
 */
class RecordedExchangesTest {
    private static final String BOOK = "/addressbooks/directory/";
    private static final String GAL = "/addressbooks/search/";
    private static final String PROPS = "<d:getetag/><d:getcontenttype/>";

    @TempDir
    Path state;

    @Test
    void everyRecordedResponseIsUnchanged() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("demo.people", 40);
        settings.put("cache.warm-up", false);
        settings.put("sync.poll-interval", "0s");
        settings.put("sync.state-dir", state.toString());
        settings.put("books", ConfigFactory.parseString("b = ["
                + "{ id = directory, display-name = \"Company\", mapping = \"mappings/inetorgperson.conf\" },"
                + "{ id = search, display-name = \"Search\", mapping = \"mappings/inetorgperson.conf\","
                + "  directory-gateway = true },"
                + "{ id = board, mapping = \"mappings/inetorgperson.conf\","
                + "  allowed-groups = [\"cn=nobody-is-here," + DemoCompany.GROUPS_DN + "\"] }]").getList("b").unwrapped());
        try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
            InMemoryDirectoryServer ldap = server.demo().orElseThrow().server();
            RecordedExchanges wire = new RecordedExchanges(server.url(), Path.of("src/test/resources/exchanges"));
            String person = card(uuidOf(ldap, "(&(objectClass=inetOrgPerson)(!(jpegPhoto=*))(manager=*))"));
            String photo = card(uuidOf(ldap, "(jpegPhoto=*)"));
            String group = card(uuidOf(ldap, "(objectClass=groupOfNames)"));
            SearchResultEntry leaving = first(ldap, "(&(objectClass=inetOrgPerson)(manager=*)(!(uid=demo)))", "entryUUID");

            discovery(wire);
            collections(wire, person);
            cards(wire, person, photo, group);
            reports(wire, person, photo, group);
            String token = syncs(wire);
            refusals(wire, person);

            // A person leaves (their groups change), another joins with fixed stamps: same bytes every run.
            ldap.delete(leaving.getDN());
            ldap.add(newcomer(leaving.getAttributeValue("entryUUID")));
            wire.exchange("after-change-book", "PROPFIND", BOOK, Bodies.propfind("cs:getctag", "d:sync-token"),
                    "Depth", "0");
            wire.exchange("after-change-sync-etags", "REPORT", BOOK, sync(token, PROPS, ""), "Depth", "1");
            wire.exchange("after-change-sync-cards", "REPORT", BOOK,
                    sync(token, "<d:getetag/><card:address-data/>", ""), "Depth", "1");
            wire.exchange("after-change-multiget-gone", "REPORT", BOOK, Bodies.multiget("",
                    BOOK + card(leaving.getAttributeValue("entryUUID"))), "Depth", "1");
            wire.exchange("after-change-listing", "PROPFIND", BOOK, Bodies.propfind("d:getetag"), "Depth", "1");

            assertThat(wire.mismatches()).isEmpty();
        }
    }

    private static void discovery(RecordedExchanges wire) {
        wire.exchange("options", "OPTIONS", "/", null);
        wire.anonymous("well-known", "GET", "/.well-known/carddav", null);
        wire.anonymous("well-known-propfind", "PROPFIND", "/.well-known/carddav/", null, "Depth", "0");
        wire.anonymous("no-credentials", "PROPFIND", "/", null, "Depth", "0");
        wire.as("wrong-password", "demo", "not-the-password", "PROPFIND", "/", null, "Depth", "0");
        wire.exchange("root-allprop", "PROPFIND", "/", null, "Depth", "0");
        wire.exchange("root-depth-1", "PROPFIND", "/", Bodies.propfind("d:current-user-principal", "d:resourcetype",
                "d:displayname", "d:principal-collection-set"), "Depth", "1");
        wire.exchange("principal", "PROPFIND", "/principals/demo/", Bodies.propfind("card:addressbook-home-set",
                "d:principal-URL", "d:displayname", "cs:email-address-set", "card:directory-gateway",
                "d:supported-report-set", "d:group-membership", "d:current-user-privilege-set"), "Depth", "0");
        wire.exchange("principals-depth-1", "PROPFIND", "/principals/", Bodies.propfind("d:displayname",
                "d:resourcetype", "d:supported-report-set"), "Depth", "1");
        wire.exchange("other-principal", "PROPFIND", "/principals/user0005/", Bodies.propfind("d:displayname",
                "cs:email-address-set"), "Depth", "0");
        wire.exchange("missing-principal", "PROPFIND", "/principals/nobody-at-all/", null, "Depth", "0");
        wire.exchange("principal-propname", "PROPFIND", "/principals/demo/",
                "<d:propfind xmlns:d='DAV:'><d:propname/></d:propfind>", "Depth", "0");
    }

    private static void collections(RecordedExchanges wire, String person) {
        wire.exchange("home-depth-1", "PROPFIND", "/addressbooks/", Bodies.propfind("d:resourcetype", "d:displayname",
                "cs:getctag", "d:sync-token", "d:supported-report-set", "d:current-user-privilege-set",
                "card:addressbook-description"), "Depth", "1");
        wire.exchange("book-propname", "PROPFIND", BOOK,
                "<d:propfind xmlns:d='DAV:'><d:propname/></d:propfind>", "Depth", "0");
        wire.exchange("book-allprop-include", "PROPFIND", BOOK, "<d:propfind xmlns:d='DAV:' "
                + "xmlns:cs='http://calendarserver.org/ns/'><d:allprop/><d:include><cs:getctag/></d:include>"
                + "</d:propfind>", "Depth", "0");
        wire.exchange("book-properties", "PROPFIND", BOOK, Bodies.propfind("card:supported-address-data",
                "card:supported-collation-set", "card:max-resource-size", "d:supported-report-set", "cs:getctag",
                "d:sync-token", "d:owner", "d:quota-available-bytes"), "Depth", "0");
        wire.exchange("book-listing", "PROPFIND", BOOK, Bodies.propfind("d:getetag", "d:getcontenttype",
                "d:getcontentlength", "d:getlastmodified", "d:resourcetype"), "Depth", "1");
        wire.exchange("book-listing-minimal", "PROPFIND", BOOK, Bodies.propfind("d:getetag", "d:no-such-property"),
                "Depth", "1", "Prefer", "return=minimal");
        wire.exchange("book-depth-infinity", "PROPFIND", BOOK, Bodies.propfind("d:getetag"), "Depth", "infinity");
        wire.exchange("book-no-depth", "PROPFIND", BOOK, Bodies.propfind("d:getetag"));
        wire.exchange("gateway-depth-1", "PROPFIND", GAL, Bodies.propfind("d:resourcetype", "d:supported-report-set",
                "d:sync-token"), "Depth", "1");
        wire.exchange("hidden-book", "PROPFIND", "/addressbooks/board/", null, "Depth", "0");
        wire.exchange("card-allprop", "PROPFIND", BOOK + person, null, "Depth", "0");
        wire.exchange("card-in-other-book", "PROPFIND", "/addressbooks/nope/" + person, null, "Depth", "0");
        wire.exchange("unknown-path", "PROPFIND", "/elsewhere/", null, "Depth", "0");
        wire.exchange("bad-depth", "PROPFIND", BOOK, null, "Depth", "2");
        wire.exchange("propfind-not-xml", "PROPFIND", BOOK, "<d:propfind xmlns:d='DAV:'><d:prop>", "Depth", "0");
        wire.exchange("propfind-wrong-root", "PROPFIND", BOOK, "<d:propertyupdate xmlns:d='DAV:'/>", "Depth", "0");
        wire.exchange("propfind-doctype", "PROPFIND", BOOK, "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e "
                + "SYSTEM 'file:///etc/passwd'>]><d:propfind xmlns:d='DAV:'><d:prop>&e;</d:prop></d:propfind>",
                "Depth", "0");
    }

    private static void cards(RecordedExchanges wire, String person, String photo, String group) {
        wire.exchange("get-card", "GET", BOOK + person, null);
        wire.exchange("get-card-4", "GET", BOOK + person, null, "Accept", "text/vcard; version=4.0");
        wire.exchange("get-card-3-preferred", "GET", BOOK + person, null,
                "Accept", "text/vcard;version=4.0;q=0.5, text/vcard;q=1");
        wire.exchange("head-card", "HEAD", BOOK + person, null);
        wire.exchange("get-photo-card-4", "GET", BOOK + photo, null, "Accept", "text/vcard;version=4.0");
        wire.exchange("get-photo-card-3", "GET", BOOK + photo, null);
        wire.exchange("get-group-card-4", "GET", BOOK + group, null, "Accept", "text/vcard;version=4.0");
        wire.exchange("get-group-card-3", "GET", BOOK + group, null);
        wire.exchange("get-missing-card", "GET", BOOK + "00000000-0000-0000-0000-000000000000.vcf", null);
        wire.exchange("get-bad-card-name", "GET", BOOK + "..%2f..%2fetc.vcf", null);
        wire.exchange("get-if-match-wrong", "GET", BOOK + person, null, "If-Match", "\"nope\"");
        wire.exchange("get-if-none-match-star", "GET", BOOK + person, null, "If-None-Match", "*");
        wire.exchange("get-root", "GET", "/", null);
        wire.exchange("get-book", "GET", BOOK, null);
        wire.anonymous("health", "GET", "/health", null);
    }

    private static void reports(RecordedExchanges wire, String person, String photo, String group) {
        wire.exchange("multiget-selection", "REPORT", BOOK, Bodies.multiget("<C:address-data><C:prop name='FN'/>"
                + "<C:prop name='EMAIL' novalue='yes'/></C:address-data>", BOOK + person, BOOK + "missing.vcf",
                "/addressbooks/search/" + person, "http://example.com" + BOOK + group), "Depth", "1");
        wire.exchange("multiget-4", "REPORT", BOOK, Bodies.multiget("<C:address-data content-type='text/vcard' "
                + "version='4.0'/>", BOOK + photo, BOOK + group), "Depth", "1");
        wire.exchange("multiget-bad-version", "REPORT", BOOK, Bodies.multiget("<C:address-data version='5.0'/>",
                BOOK + person), "Depth", "1");
        wire.exchange("query-contains", "REPORT", BOOK, Bodies.query("<C:filter><C:prop-filter name='FN'>"
                + "<C:text-match collation='i;unicode-casemap' match-type='contains'>ar</C:text-match>"
                + "</C:prop-filter></C:filter>", null), "Depth", "1");
        wire.exchange("query-anyof-limit", "REPORT", BOOK, Bodies.query("<C:filter test='anyof'>"
                + "<C:prop-filter name='FN'><C:text-match match-type='starts-with'>a</C:text-match></C:prop-filter>"
                + "<C:prop-filter name='EMAIL'><C:text-match match-type='starts-with'>b</C:text-match></C:prop-filter>"
                + "</C:filter>", "2"), "Depth", "1");
        wire.exchange("query-param-filter", "REPORT", BOOK, Bodies.query("<C:filter><C:prop-filter name='TEL'>"
                + "<C:param-filter name='TYPE'><C:text-match match-type='equals'>cell</C:text-match></C:param-filter>"
                + "</C:prop-filter><C:prop-filter name='PHOTO'><C:is-not-defined/></C:prop-filter></C:filter>", "3"),
                "Depth", "1");
        wire.exchange("query-negated", "REPORT", BOOK, Bodies.query("<C:filter test='allof'><C:prop-filter "
                + "name='EMAIL'><C:text-match negate-condition='yes' match-type='ends-with'>.com</C:text-match>"
                + "</C:prop-filter><C:prop-filter name='N'><C:text-match>e</C:text-match></C:prop-filter></C:filter>",
                "4"), "Depth", "1");
        wire.exchange("query-gateway", "REPORT", GAL, Bodies.query("<C:filter><C:prop-filter name='FN'>"
                + "<C:text-match match-type='starts-with'>m</C:text-match></C:prop-filter></C:filter>", null));
        wire.exchange("query-bad-collation", "REPORT", BOOK, Bodies.query("<C:filter><C:prop-filter name='FN'>"
                + "<C:text-match collation='i;klingon'>a</C:text-match></C:prop-filter></C:filter>", null));
        wire.exchange("query-on-home", "REPORT", "/addressbooks/", Bodies.query("<C:filter/>", null), "Depth", "1");
        wire.exchange("query-on-card", "REPORT", BOOK + person, Bodies.query("<C:filter/>", null), "Depth", "0");
        wire.exchange("report-unsupported", "REPORT", BOOK, "<d:expand-property xmlns:d='DAV:'/>", "Depth", "0");
        wire.exchange("report-empty", "REPORT", BOOK, null, "Depth", "0");
        wire.exchange("report-two-roots", "REPORT", BOOK, "<d:a xmlns:d='DAV:'/><d:b xmlns:d='DAV:'/>");
        wire.exchange("principal-search-property-set", "REPORT", "/principals/",
                "<d:principal-search-property-set xmlns:d='DAV:'/>", "Depth", "0");
        wire.exchange("principal-search-property-set-elsewhere", "REPORT", BOOK,
                "<d:principal-search-property-set xmlns:d='DAV:'/>", "Depth", "0");
        wire.exchange("principal-property-search", "REPORT", "/principals/", "<d:principal-property-search "
                + "xmlns:d='DAV:' xmlns:cs='http://calendarserver.org/ns/'><d:property-search><d:prop>"
                + "<d:displayname/></d:prop><d:match>ma</d:match></d:property-search><d:prop><d:displayname/>"
                + "<cs:email-address-set/><card:directory-gateway xmlns:card='urn:ietf:params:xml:ns:carddav'/>"
                + "</d:prop></d:principal-property-search>", "Depth", "0");
        wire.exchange("principal-property-search-anyof-root", "REPORT", "/", "<d:principal-property-search "
                + "xmlns:d='DAV:' xmlns:cs='http://calendarserver.org/ns/' test='anyof'><d:property-search><d:prop>"
                + "<cs:email-address-set/></d:prop><d:match match-type='starts-with'>user001</d:match>"
                + "</d:property-search><d:property-search><d:prop><d:displayname/></d:prop><d:match>zz</d:match>"
                + "</d:property-search><d:apply-to-principal-collection-set/><d:prop><d:displayname/></d:prop>"
                + "</d:principal-property-search>", "Depth", "0");
    }

    /** @return the token of the initial sync, for the syncs after the directory changed */
    private static String syncs(RecordedExchanges wire) {
        String initial = wire.exchange("sync-initial", "REPORT", BOOK, sync("", PROPS, ""), "Depth", "1");
        String token = between(initial, "<D:sync-token>", "</D:sync-token>");
        wire.exchange("sync-same-token", "REPORT", BOOK, sync(token, PROPS, ""), "Depth", "1");
        String partial = wire.exchange("sync-limited", "REPORT", BOOK,
                sync("", PROPS, "<d:limit><d:nresults>5</d:nresults></d:limit>"), "Depth", "1");
        wire.exchange("sync-continued", "REPORT", BOOK, sync(between(partial, "<D:sync-token>", "</D:sync-token>"),
                "<d:getetag/><card:address-data/>", "<d:limit><d:nresults>7</d:nresults></d:limit>"), "Depth", "1");
        wire.exchange("sync-foreign-token", "REPORT", BOOK, sync("http://example.com/sync/1", PROPS, ""), "Depth", "1");
        wire.exchange("sync-unknown-token-thunderbird", "REPORT", BOOK,
                sync("http://galdav.org/ns/sync/directory/AAAAAAAAAAAAAAAAAAAAAA", PROPS, ""), "Depth", "1",
                "User-Agent", "Mozilla/5.0 Thunderbird/128.0");
        wire.exchange("sync-on-gateway", "REPORT", GAL, sync("", PROPS, ""), "Depth", "1");
        wire.exchange("sync-bad-level", "REPORT", BOOK,
                sync("", PROPS, "").replace("<d:sync-level>1</d:sync-level>", "<d:sync-level>2</d:sync-level>"));
        return token;
    }

    private static void refusals(RecordedExchanges wire, String person) {
        wire.exchange("put-existing", "PUT", BOOK + person, "BEGIN:VCARD\r\nEND:VCARD\r\n");
        wire.exchange("put-new", "PUT", BOOK + "new.vcf", "BEGIN:VCARD\r\nEND:VCARD\r\n");
        wire.exchange("delete-card", "DELETE", BOOK + person, null);
        wire.exchange("proppatch-book", "PROPPATCH", BOOK, "<d:propertyupdate xmlns:d='DAV:'/>");
        wire.exchange("mkcol-existing", "MKCOL", BOOK, null);
        wire.exchange("mkcol-new", "MKCOL", "/addressbooks/new/", null);
        wire.exchange("move-card", "MOVE", BOOK + person, null, "Destination", BOOK + "x.vcf");
        wire.exchange("lock-card", "LOCK", BOOK + person, null);
        wire.exchange("unknown-method", "BREW", BOOK, null);
    }

    private static String sync(String token, String props, String extra) {
        return "<?xml version='1.0' encoding='utf-8'?><d:sync-collection xmlns:d='DAV:' "
                + "xmlns:card='urn:ietf:params:xml:ns:carddav'><d:sync-token>" + token + "</d:sync-token>"
                + "<d:sync-level>1</d:sync-level>" + extra + "<d:prop>" + props + "</d:prop></d:sync-collection>";
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in %s", start, text).isNotNegative();
        return text.substring(from + start.length(), text.indexOf(end, from));
    }

    private static String card(String uuid) {
        return uuid + ".vcf";
    }

    private static String uuidOf(InMemoryDirectoryServer ldap, String filter) throws Exception {
        return first(ldap, filter, "entryUUID").getAttributeValue("entryUUID");
    }

    /** The entry with the smallest DN matching the filter: the same one on every run. */
    private static SearchResultEntry first(InMemoryDirectoryServer ldap, String filter, String... attributes)
            throws Exception {
        List<SearchResultEntry> found = new ArrayList<>(ldap.search(DemoCompany.BASE_DN, SearchScope.SUB, filter,
                attributes).getSearchEntries());
        found.sort((a, b) -> a.getDN().compareTo(b.getDN()));
        assertThat(found).as(filter).isNotEmpty();
        return found.get(0);
    }

    private static AddRequest newcomer(String leavingUuid) throws IOException {
        Entry entry = new Entry("uid=newcomer," + DemoCompany.PEOPLE_DN);
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
        entry.addAttribute("uid", "newcomer");
        entry.addAttribute("cn", "Nora Newcomer");
        entry.addAttribute("sn", "Newcomer");
        entry.addAttribute("givenName", "Nora");
        entry.addAttribute("mail", "nora.newcomer@demo.galdav.org");
        entry.addAttribute("entryUUID", "6e657763-6f6d-4572-8000-" + leavingUuid.substring(24));
        entry.addAttribute("createTimestamp", "20260101000000Z");
        entry.addAttribute("modifyTimestamp", "20260101000000Z");
        AddRequest add = new AddRequest(entry);
        add.addControl(new IgnoreNoUserModificationRequestControl());
        return add;
    }
}
