package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.galdav.support.Multistatus.DAV;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFWriter;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.List;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** A read-only server refuses every write (RFC 3744 §7.1.1) and never touches the directory. */
class WriteRefusalTest {
    private static final String VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:new\r\nFN:Mallory\r\nN:;Mallory;;;\r\nEND:VCARD\r\n";
    private final DavClient client = TestServers.demoClient();

    @Test
    void putAndDeleteOnACardAre403AndTheDirectoryIsUnchanged() throws Exception {
        String before = directorySnapshot();
        Multistatus.Response card = CardTestSupport.listing(client).get(0);

        HttpResponse<String> put = client.send("PUT", card.href(), VCARD, "Content-Type", "text/vcard");
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(neededPrivilege(put.body())).isEqualTo("write-content");

        HttpResponse<String> putNew = client.send("PUT", CardTestSupport.BOOK + "new.vcf", VCARD);
        assertThat(putNew.statusCode()).isEqualTo(403);
        assertThat(neededPrivilege(putNew.body())).isEqualTo("bind");

        HttpResponse<String> delete = client.send("DELETE", card.href(), null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(neededPrivilege(delete.body())).isEqualTo("unbind");

        assertThat(client.get(card.href()).statusCode()).isEqualTo(200);
        assertThat(directorySnapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROPPATCH", "MKCOL", "COPY", "MOVE", "DELETE"})
    void otherWritesOnTheBookAreRefused(String method) throws Exception {
        String before = directorySnapshot();
        HttpResponse<String> response = client.send(method, CardTestSupport.BOOK,
                method.equals("PROPPATCH") ? "<d:propertyupdate xmlns:d='DAV:'><d:set><d:prop><d:displayname>x"
                        + "</d:displayname></d:prop></d:set></d:propertyupdate>" : null,
                "Destination", "http://localhost/addressbooks/copy/");
        assertThat(response.statusCode()).isIn(403, 405);
        if (response.statusCode() == 403) {
            assertThat(neededPrivilege(response.body())).isNotBlank();
        }
        assertThat(response.headers().firstValue("Allow").orElseThrow()).doesNotContain("PUT", "DELETE");
        assertThat(directorySnapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOCK", "UNLOCK", "POST"})
    void methodsThatMakeNoSenseAre405(String method) {
        HttpResponse<String> response = client.send(method, CardTestSupport.BOOK, null);
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void writesNeedAuthenticationFirst() {
        assertThat(client.anonymous().send("PUT", CardTestSupport.BOOK + "x.vcf", VCARD).statusCode()).isEqualTo(401);
    }

    private static String neededPrivilege(String body) {
        Element error = Multistatus.parseXml(body);
        Element need = Multistatus.children(error, DAV, "need-privileges").get(0);
        Element resource = Multistatus.children(need, DAV, "resource").get(0);
        assertThat(Multistatus.children(resource, DAV, "href")).hasSize(1);
        Element privilege = Multistatus.children(resource, DAV, "privilege").get(0);
        return AddressBookPropfindTest.firstElement(privilege).getLocalName();
    }

    private static String directorySnapshot() throws Exception {
        InMemoryDirectoryServer server = TestServers.demo().demo().orElseThrow().server();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LDIFWriter writer = new LDIFWriter(out)) {
            List<? extends Entry> entries = server.search(server.getBaseDNs().get(0).toString(),
                    com.unboundid.ldap.sdk.SearchScope.SUB, "(objectClass=*)", "*", "+").getSearchEntries();
            for (Entry entry : entries) {
                writer.writeEntry(entry);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
