package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;

/**
 * The embedded demo publishes its people twice: the synced book, and "Company directory (search)", a
 * directory gateway (RFC 6352 §6.4) that the principal names and that is searched but never listed.
 */
class DemoGatewayTest {
    @Test
    void theDemoHasASearchOnlyGatewayNextToItsSyncedBook() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 30), new ArrayList<>(), TimeSource.SYSTEM)) {
            DavClient client = new DavClient(server.url(), "demo", "demo");
            Multistatus principal = Multistatus.parse(client.propfind("/principals/demo/", "0",
                    Bodies.propfind("card:directory-gateway")).body());
            assertThat(Multistatus.text(principal.response("/principals/demo/")
                    .ok(Multistatus.CARD, "directory-gateway").orElseThrow())).contains("/addressbooks/search/");

            Multistatus home = Multistatus.parse(client.propfind("/addressbooks/", "1", Bodies.propfind("d:displayname"))
                    .body());
            assertThat(home.hrefs()).as("a gateway is not listed").containsExactly("/addressbooks/",
                    "/addressbooks/directory/");

            Multistatus book = Multistatus.parse(client.propfind("/addressbooks/search/", "0",
                    Bodies.propfind("d:displayname")).body());
            assertThat(book.response("/addressbooks/search/").okText(Multistatus.DAV, "displayname"))
                    .isEqualTo("Company directory (search)");

            Multistatus found = Multistatus.parse(client.report("/addressbooks/search/", "1",
                    Bodies.query("<C:filter><C:prop-filter name='NICKNAME'><C:text-match collation='i;octet' "
                            + "match-type='equals'>demo</C:text-match></C:prop-filter></C:filter>", null)).body());
            assertThat(found.hrefs()).hasSize(1).allMatch(h -> h.startsWith("/addressbooks/search/"));
        }
    }
}
