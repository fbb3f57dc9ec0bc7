package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.PropertyListParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.DavClient;
import org.galdav.support.TestKeyStores;
import org.galdav.support.TestServers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Apple configuration profile over real HTTP: the caller's CardDAV account, never a password; unsigned on
 * plain HTTP, and signed (CMS) with the server's own certificate when galdav serves HTTPS with it.
 */
class ProfileDownloadTest {
    @Test
    void plainHttpServesTheCallersAccountUnsigned() throws Exception {
        DavClient demo = TestServers.demoClient();
        HttpResponse<String> response = demo.get("/setup/galdav.mobileconfig");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-apple-aspen-config");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).startsWith("attachment"));
        NSDictionary account = account((NSDictionary) PropertyListParser.parse(
                response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        URI url = URI.create(TestServers.demo().url());
        assertThat(account.objectForKey("CardDAVHostName").toJavaObject()).isEqualTo(url.getHost());
        assertThat(((NSNumber) account.objectForKey("CardDAVPort")).intValue()).isEqualTo(url.getPort());
        assertThat(((NSNumber) account.objectForKey("CardDAVUseSSL")).boolValue()).isFalse();
        assertThat(account.objectForKey("CardDAVUsername").toJavaObject()).isEqualTo("demo");
        assertThat(response.body()).doesNotContainIgnoringCase("password</key>");

        // Another user gets their own account, and the same user the same identifiers every time.
        String again = demo.get("/setup/galdav.mobileconfig").body();
        var ldap = TestServers.demo().demo().orElseThrow();
        String colleague = ldap.server().search(ldap.baseDn(), com.unboundid.ldap.sdk.SearchScope.SUB,
                "(&(objectClass=inetOrgPerson)(!(uid=demo)))", "uid").getSearchEntries().get(0).getAttributeValue("uid");
        HttpResponse<String> other = demo.as(colleague, colleague).get("/setup/galdav.mobileconfig");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(account((NSDictionary) PropertyListParser.parse(other.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).objectForKey("CardDAVUsername").toJavaObject())
                .isEqualTo(colleague);
        assertThat(identifier(again)).isEqualTo(identifier(response.body()));
        assertThat(identifier(other.body())).isNotEqualTo(identifier(response.body()));
    }

    @Test
    void httpsWithItsOwnCertificateSignsTheProfileWithIt(@TempDir Path dir) throws Exception {
        Path store = TestKeyStores.selfSigned(dir, "server.p12", List.of("ip:127.0.0.1", "dns:localhost"), "-keyalg",
                "EC", "-groupname", "secp256r1");
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 10, "cache.warm-up", false,
                "http.tls.key-store", store.toString(), "http.tls.key-store-password", TestKeyStores.PASSWORD),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            X509Certificate certificate = TestKeyStores.certificate(store);
            HttpClient client = HttpClient.newBuilder().sslContext(TestKeyStores.trusting(certificate)).build();
            HttpResponse<byte[]> profile = client.send(request(server.url() + "setup/galdav.mobileconfig", "*/*"),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(profile.statusCode()).isEqualTo(200);
            CMSSignedData signed = new CMSSignedData(profile.body());
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            X509CertificateHolder signerCertificate = (X509CertificateHolder) signed.getCertificates()
                    .getMatches(signer.getSID()).iterator().next();
            assertThat(signerCertificate.getEncoded()).isEqualTo(certificate.getEncoded());
            assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).isTrue();
            NSDictionary account = account((NSDictionary) PropertyListParser.parse(
                    (byte[]) signed.getSignedContent().getContent()));
            assertThat(((NSNumber) account.objectForKey("CardDAVUseSSL")).boolValue()).isTrue();
            assertThat(account.objectForKey("CardDAVUsername").toJavaObject()).isEqualTo("demo");

            String page = client.send(request(server.url(), SetupPageTest.BROWSER),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(Jsoup.parse(page).getElementById("profile-unsigned")).as("signed: no 'unsigned' note").isNull();
            assertThat(page).contains("Verified");
        }
    }

    private static NSDictionary account(NSDictionary profile) {
        assertThat(profile.objectForKey("PayloadType").toJavaObject()).isEqualTo("Configuration");
        NSArray content = (NSArray) profile.objectForKey("PayloadContent");
        assertThat(content.count()).isEqualTo(1);
        NSDictionary account = (NSDictionary) content.objectAtIndex(0);
        assertThat(account.objectForKey("PayloadType").toJavaObject()).isEqualTo("com.apple.carddav.account");
        assertThat(account.allKeys()).noneMatch(k -> k.toLowerCase(java.util.Locale.ROOT).contains("password"));
        return account;
    }

    private static Object identifier(String plist) throws Exception {
        return ((NSDictionary) PropertyListParser.parse(plist.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .objectForKey("PayloadIdentifier").toJavaObject();
    }

    private static HttpRequest request(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes())).build();
    }
}
