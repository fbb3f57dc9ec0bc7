package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.DAV;

import com.typesafe.config.ConfigFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.galdav.config.SettingsLoader;
import org.galdav.core.Principals;
import org.galdav.core.TimeSource;
import org.galdav.dav.SupportedReport;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What a resource's {@code DAV:supported-report-set} lists is exactly what REPORT answers there
 * (RFC 3253 §3.1.5, §3.6): every registered report, sent to every resource that carries the
 * property, is answered where listed and refused with 403 {@code DAV:supported-report} elsewhere.
 */
class SupportedReportSetTest {
    private static final String CARDDAV = "xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:carddav'";
    private static final String PROP = "<D:prop><D:getetag/></D:prop>";

    /** A small valid body for each report; a new reporter must add one. */
    private static final Map<String, String> BODIES = Map.of(
            "{urn:ietf:params:xml:ns:carddav}addressbook-query", "<C:addressbook-query " + CARDDAV + ">" + PROP
                    + "<C:limit><C:nresults>1</C:nresults></C:limit></C:addressbook-query>",
            "{urn:ietf:params:xml:ns:carddav}addressbook-multiget", "<C:addressbook-multiget " + CARDDAV + ">" + PROP
                    + "<D:href>/addressbooks/directory/none.vcf</D:href></C:addressbook-multiget>",
            "{DAV:}sync-collection", "<D:sync-collection xmlns:D='DAV:'><D:sync-token/><D:sync-level>1</D:sync-level>"
                    + "<D:limit><D:nresults>1</D:nresults></D:limit>" + PROP + "</D:sync-collection>",
            "{DAV:}principal-property-search", "<D:principal-property-search xmlns:D='DAV:'><D:property-search>"
                    + "<D:prop><D:displayname/></D:prop><D:match>demo</D:match></D:property-search>"
                    + "<D:prop><D:displayname/></D:prop></D:principal-property-search>",
            "{DAV:}principal-search-property-set", "<D:principal-search-property-set xmlns:D='DAV:'/>");

    @Test
    void everyReportIsAnsweredExactlyWhereItIsAdvertised() {
        List<QName> registered = new Reporters(new Lookup((principal, credentials) -> List.of(), Principals.NONE), 1,
                SettingsLoader.load(ConfigFactory.empty()).limits())
                .supported().stream().map(SupportedReport::name).toList();
        assertThat(BODIES.keySet()).as("a body for every registered report")
                .containsExactlyInAnyOrderElementsOf(registered.stream().map(QName::toString).toList());
        Map<String, Object> settings = new HashMap<>();
        settings.put("demo.people", 20);
        settings.put("books", ConfigFactory.parseString("b = ["
                + "{ id = directory, mapping = \"mappings/inetorgperson.conf\" },"
                + "{ id = gal, mapping = \"mappings/inetorgperson.conf\", directory-gateway = true }]")
                .getList("b").unwrapped());
        try (GaldavServer server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            for (String path : List.of("/principals/", "/principals/demo/", "/addressbooks/",
                    "/addressbooks/directory/", "/addressbooks/gal/")) {
                List<QName> advertised = advertised(client, path);
                assertThat(registered).as(path).containsAll(advertised);
                for (QName report : registered) {
                    HttpResponse<String> response = client.report(path, "0", BODIES.get(report.toString()));
                    if (advertised.contains(report)) {
                        assertThat(response.statusCode()).as(report + " on " + path).isIn(200, 207);
                    } else {
                        assertThat(response.statusCode()).as(report + " on " + path).isEqualTo(403);
                        assertThat(response.body()).as(report + " on " + path).contains("supported-report");
                    }
                }
            }
        }
    }

    private static List<QName> advertised(DavClient client, String path) {
        Element set = Multistatus.parse(client.propfind(path, "0", Bodies.propfind("d:supported-report-set")).body())
                .response(path).ok(DAV, "supported-report-set").orElseThrow();
        return Multistatus.children(set, DAV, "supported-report").stream()
                .map(s -> Multistatus.children(s, DAV, "report").get(0))
                .map(AddressBookPropfindTest::firstElement)
                .map(e -> new QName(e.getNamespaceURI(), e.getLocalName())).toList();
    }
}
