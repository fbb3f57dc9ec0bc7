package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.galdav.core.TimeSource;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoDirectory;
import org.galdav.demo.DemoOptions;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Books limited to members of LDAP groups, nested membership included; others see nothing of them. */
class BookVisibilityTest {
    private static final String BOARD_GROUP = "cn=Board," + DemoCompany.GROUPS_DN;
    private static DemoDirectory directory;
    private static GaldavServer server;
    private static DavClient demo;
    private static DavClient ceo;

    @BeforeAll
    static void start() throws Exception {
        directory = DemoDirectory.start(new DemoOptions(80, 9, 0));
        // A group whose only member is another group: the CEO is in it through "Leadership Team".
        directory.server().add(new Entry(BOARD_GROUP, new Attribute("objectClass", "top", "groupOfNames"),
                new Attribute("cn", "Board"), new Attribute("member", "cn=Leadership Team," + DemoCompany.GROUPS_DN)));
        String ceoUid = directory.server().search(DemoCompany.PEOPLE_DN, SearchScope.ONE,
                "(title=Chief Executive Officer)").getSearchEntries().get(0).getAttributeValue("uid");
        Map<String, Object> settings = DirectoryScenariosTest.pointingAt(directory);
        settings.put("http.anonymous-read", true);
        settings.put("books", ConfigFactory.parseString("b = ["
                + "{ id = directory, mapping = \"mappings/inetorgperson.conf\" },"
                + "{ id = engineering, mapping = \"mappings/inetorgperson.conf\", allowed-groups = [\"cn=Engineering,"
                + DemoCompany.GROUPS_DN + "\"] },"
                + "{ id = board, mapping = \"mappings/inetorgperson.conf\", allowed-groups = [\"" + BOARD_GROUP + "\"] }]")
                .getList("b").unwrapped());
        server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM);
        demo = new DavClient(server.url(), "demo", "demo");
        ceo = new DavClient(server.url(), ceoUid, ceoUid);
    }

    @AfterAll
    static void stop() {
        server.close();
        directory.close();
    }

    @Test
    void theHomeListsOnlyTheBooksTheUserMaySee() {
        assertThat(books(demo)).containsExactly("/addressbooks/directory/", "/addressbooks/engineering/");
        assertThat(books(ceo)).containsExactly("/addressbooks/directory/", "/addressbooks/board/");
        assertThat(books(demo.anonymous())).containsExactly("/addressbooks/directory/");
    }

    @Test
    void aBookTheUserMayNotSeeDoesNotExistForThem() {
        String board = "/addressbooks/board/";
        assertThat(demo.propfind(board, "0", Bodies.propfind("d:displayname")).statusCode()).isEqualTo(404);
        assertThat(demo.propfind(board, "1", Bodies.propfind("d:getetag")).statusCode()).isEqualTo(404);
        assertThat(demo.report(board, "1", Bodies.query("", null)).statusCode()).isEqualTo(404);
        String card = Multistatus.parse(ceo.propfind(board, "1", Bodies.propfind("d:getetag")).body()).hrefs().stream()
                .filter(h -> !h.equals(board)).findFirst().orElseThrow();
        assertThat(ceo.get(card).statusCode()).isEqualTo(200);
        assertThat(demo.get(card).statusCode()).isEqualTo(404);
        assertThat(demo.report(board, "1", Bodies.multiget("<C:address-data/>", card)).statusCode()).isEqualTo(404);
        assertThat(demo.anonymous().get(card).statusCode()).isEqualTo(404);
    }

    private static List<String> books(DavClient client) {
        return Multistatus.parse(client.propfind("/addressbooks/", "1", Bodies.propfind("d:resourcetype")).body())
                .hrefs().stream().filter(h -> !h.equals("/addressbooks/")).toList();
    }
}
