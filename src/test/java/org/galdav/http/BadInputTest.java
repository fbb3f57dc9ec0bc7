package org.galdav.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken requests get a clean HTTP answer, never a stack trace or a leak. */
class BadInputTest {
    private final DavClient client = TestServers.demoClient();

    @Test
    void malformedXmlIs400WithoutStackTrace() {
        HttpResponse<String> response = client.propfind(CardTestSupport.BOOK, "0", "<d:propfind xmlns:d='DAV:'><d:prop>");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "at org.", "at java.");
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String xxe = "<?xml version='1.0'?><!DOCTYPE p [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]>"
                + "<d:propfind xmlns:d='DAV:'><d:prop><d:displayname>&x;</d:displayname></d:prop></d:propfind>";
        HttpResponse<String> response = client.propfind(CardTestSupport.BOOK, "0", xxe);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("TOP-SECRET-VALUE");
        String bomb = "<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>"
                + "<d:propfind xmlns:d='DAV:'><d:prop><d:displayname>&b;</d:displayname></d:prop></d:propfind>";
        assertThat(client.propfind(CardTestSupport.BOOK, "0", bomb).statusCode()).isEqualTo(400);
    }

    @Test
    void hugeBodiesAre413() throws Exception {
        // A raw request that announces 12 MB and sends only the start: the answer must come from the announced
        // length, before the body is read. (A client that keeps writing after the 413 may see the connection
        // closed under it instead, which is a race in the client, not an answer.)
        java.net.URI uri = java.net.URI.create(TestServers.demo().url());
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "PROPFIND " + CardTestSupport.BOOK + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString("demo:demo".getBytes(
                    StandardCharsets.UTF_8)) + "\r\nDepth: 0\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: 12000000\r\n\r\n<d:propfind xmlns:d='DAV:'><d:prop>";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void bodiesUpToTheConfiguredLimitAreReadWhole() {
        StringBuilder body = new StringBuilder("<C:addressbook-multiget xmlns:D='DAV:' xmlns:C='urn:ietf:params:xml:ns:carddav'>"
                + "<D:prop><D:getetag/></D:prop>");
        int hrefs = 0;
        while (body.length() < 2_500_000) {
            // Outside the book, so the server answers 404 for each without asking LDAP.
            body.append("<D:href>/addressbooks/elsewhere/").append(hrefs++).append(".vcf</D:href>");
        }
        body.append("</C:addressbook-multiget>");
        HttpResponse<String> response = client.report(CardTestSupport.BOOK, "1", body.toString());
        assertThat(response.statusCode()).as("2.5 MB is over Undertow's default but under the 10 MiB setting")
                .isEqualTo(207);
        assertThat(Multistatus.parse(response.body()).responses()).hasSize(hrefs);
    }

    @Test
    void pathsAreDecodedOnce() {
        assertThat(client.propfind("/addressbooks/direc%2574ory/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(404);
        assertThat(client.propfind("/addressbooks/direc%74ory/", "0", Bodies.propfind("d:displayname")).statusCode())
                .isEqualTo(207);
    }

    @Test
    void badDepthAndWrongContentTypeAreRefused() {
        assertThat(client.propfind(CardTestSupport.BOOK, "2", Bodies.propfind("d:getetag")).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> json = client.sendBytes("PROPFIND", CardTestSupport.BOOK, "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(json.statusCode()).isEqualTo(415);
    }

    @Test
    void loginsCannotInjectIntoTheLdapFilter() {
        for (String login : new String[] {"*", "demo)(uid=*", "*)(|(uid=*", "demo\u0000", "\\2a"}) {
            assertThat(client.as(login, "demo").propfind("/", "0", Bodies.propfind("d:displayname")).statusCode())
                    .as(login).isEqualTo(401);
        }
    }

    @Test
    void hostileTextMatchIsTakenLiterally() {
        String[] hostile = {"*", ")(objectClass=*", "\\", "*)(|(cn=*", "\u0000", "x".repeat(256)}; // 256: the longest allowed
        for (String text : hostile) {
            HttpResponse<String> response = client.report(CardTestSupport.BOOK, "1", Bodies.query(
                    "<C:filter><C:prop-filter name='FN'><C:text-match>" + escape(text)
                            + "</C:text-match></C:prop-filter></C:filter>", null));
            if (text.equals("\u0000")) {
                assertThat(response.statusCode()).as("NUL is not allowed in XML").isEqualTo(400);
                continue;
            }
            assertThat(response.statusCode()).as(text).isEqualTo(207);
            assertThat(Multistatus.parse(response.body()).responses()).as(text).isEmpty();
        }
    }

    @Test
    void unknownMethodIs501() {
        assertThat(client.send("BREW", "/", null).statusCode()).isEqualTo(501);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\u0000", "&#0;");
    }
}
