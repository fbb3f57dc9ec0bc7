package org.galdav.it.ad;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.property.Email;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.galdav.core.TimeSource;
import org.galdav.server.GaldavServer;
import org.galdav.support.Bodies;
import org.galdav.support.Cards;
import org.galdav.support.DavClient;
import org.galdav.support.Multistatus;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Active Directory mapping against an AD-like directory: binary objectGUID ids, proxyAddresses,
 * disabled and hidden accounts, a 1,000-entry size limit, ranged retrieval of a 1,600-member group,
 * nested groups, thumbnail photos (large and broken).
 */
class ActiveDirectoryTest {
    private static final String BOOK = "/addressbooks/directory/";
    private static final int USERS = 1600;
    private static AdLikeDirectory directory;
    private static GaldavServer server;
    private static DavClient client;
    private static List<VCard> cards3;
    private static List<VCard> cards4;

    @BeforeAll
    static void start() throws Exception {
        directory = AdLikeDirectory.start(AdCompany.BASE, AdCompany.entries(USERS));
        Map<String, Object> settings = new HashMap<>();
        settings.put("ldap.url", directory.url());
        settings.put("ldap.bind-dn", AdCompany.SERVICE_DN);
        settings.put("ldap.bind-password", AdCompany.PASSWORD);
        settings.put("ldap.base-dn", AdCompany.BASE);
        settings.put("auth.login-filter", "(sAMAccountName={0})");
        settings.put("auth.login-attribute", "sAMAccountName");
        settings.put("auth.user-filter", "(&(objectClass=user)(!(objectClass=computer)))");
        settings.put("books", ConfigFactory.parseString("b = [{ id = directory, mapping = \"mappings/active-directory.conf\" }]")
                .getList("b").unwrapped());
        server = TestServers.start(settings, new ArrayList<>(), TimeSource.SYSTEM);
        client = new DavClient(server.url(), "aanderson", AdCompany.PASSWORD);
        List<String> hrefs = client.memberHrefs(BOOK);
        cards3 = client.multigetCards(BOOK, hrefs, "3.0");
        cards4 = client.multigetCards(BOOK, hrefs, "4.0");
    }

    @AfterAll
    static void stop() {
        server.close();
        directory.close();
    }

    @Test
    void everyPublishedEntryIsListedDespiteTheSizeLimitAndEveryCardIsValid() {
        // users + 3 special ones still published + contact + 3 groups; not: disabled, hidden, service, computer
        assertThat(cards3).hasSize(USERS + 2 + 1 + 3);
        cards3.forEach(c -> Cards.valid(c.write(), VCardVersion.V3_0));
        cards4.forEach(c -> Cards.valid(c.write(), VCardVersion.V4_0));
    }

    @Test
    void disabledAndHiddenAccountsNeverAppear() {
        for (String name : List.of(AdCompany.DISABLED, AdCompany.HIDDEN, "svc-galdav", "WS-0042")) {
            assertThat(cards3).noneMatch(c -> c.getFormattedName().getValue().equals(name));
            Multistatus search = Multistatus.parse(client.report(BOOK, "1", Bodies.query(
                    "<C:filter><C:prop-filter name='FN'><C:text-match match-type='equals'>" + name
                            + "</C:text-match></C:prop-filter></C:filter>", null)).body());
            assertThat(search.responses()).as("search for " + name).isEmpty();
        }
        String disabledHref = BOOK + guidOf(AdCompany.dn(AdCompany.DISABLED)) + ".vcf";
        assertThat(client.get(disabledHref).statusCode()).isEqualTo(404);
        Multistatus multiget = Multistatus.parse(client.report(BOOK, "1", Bodies.multiget("<C:address-data/>", disabledHref)).body());
        assertThat(multiget.response(disabledHref).status()).contains("HTTP/1.1 404 Not Found");
        assertThat(client.as("ddisabled", AdCompany.PASSWORD).propfind(BOOK, "0", Bodies.propfind("d:displayname"))
                .statusCode()).as("the login itself still works; only the card is hidden").isEqualTo(207);
    }

    @Test
    void objectGuidBecomesTheCanonicalGuidString() {
        VCard alice = card3("Alice Anderson");
        assertThat(alice.getUid().getValue()).isEqualTo(AdCompany.FIRST_GUID_TEXT);
        assertThat(client.get(BOOK + AdCompany.FIRST_GUID_TEXT + ".vcf").statusCode()).isEqualTo(200);
        Multistatus byUid = Multistatus.parse(client.report(BOOK, "1", Bodies.query("<C:filter><C:prop-filter name='UID'>"
                + "<C:text-match match-type='equals'>" + AdCompany.FIRST_GUID_TEXT.toUpperCase(java.util.Locale.ROOT)
                + "</C:text-match></C:prop-filter></C:filter>", null)).body());
        assertThat(byUid.responses()).hasSize(1);
    }

    @Test
    void proxyAddressesGiveThePrimaryAddressFirstAndNothingElse() {
        VCard alice4 = card4("Alice Anderson");
        List<String> mails = alice4.getEmails().stream().map(Email::getValue).toList();
        assertThat(mails).containsExactly("aanderson@ad.galdav.test", "aanderson.alias@ad.galdav.test");
        assertThat(alice4.getEmails().get(0).getPref()).isEqualTo(1);
        assertThat(alice4.getEmails().get(1).getPref()).isNull();
        VCard carla = card3("Carla Contact");
        assertThat(carla.getEmails()).extracting(Email::getValue).containsExactly("carla@partner.example");
    }

    @Test
    void largeGroupsAreReadWholeAndNestedGroupsAreMembers() {
        VCard all = card4("All Users");
        assertThat(all.getKind().isGroup()).isTrue();
        // every published user; the disabled and hidden members are outside the book and left out
        assertThat(all.getMembers()).hasSize(USERS + 2);
        VCard engineering = card4("Engineering");
        String platformUid = card4("Platform").getUid().getValue();
        assertThat(engineering.getMembers()).extracting(m -> m.getUri()).contains("urn:uuid:" + platformUid);
        assertThat(card3("All Users").getExtendedProperties("X-ADDRESSBOOKSERVER-MEMBER")).hasSize(USERS + 2);
    }

    @Test
    void photosAreScaledDownAndBrokenOnesDropped() throws Exception {
        VCard big = card3(AdCompany.BIG_PHOTO);
        assertThat(big.getPhotos()).hasSize(1);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(big.getPhotos().get(0).getData()));
        assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(512);
        assertThat(image.getWidth()).isGreaterThan(image.getHeight());
        VCard broken = card3(AdCompany.BROKEN_PHOTO);
        assertThat(broken.getPhotos()).isEmpty();
        assertThat(broken.getFormattedName().getValue()).isEqualTo(AdCompany.BROKEN_PHOTO);
    }

    @Test
    void theManagerIsLinkedInVersion4() {
        VCard user = card4("User7 Number7");
        String aliceUid = card4("Alice Anderson").getUid().getValue();
        assertThat(user.getRelations()).extracting(r -> r.getUri()).containsExactly("urn:uuid:" + aliceUid);
    }

    private static VCard card3(String fn) {
        return find(cards3, fn);
    }

    private static VCard card4(String fn) {
        return find(cards4, fn);
    }

    private static VCard find(List<VCard> cards, String fn) {
        Optional<VCard> card = cards.stream().filter(c -> c.getFormattedName().getValue().equals(fn)).findFirst();
        return card.orElseThrow(() -> new AssertionError("no card " + fn));
    }

    private static String guidOf(String dn) {
        byte[] bytes;
        try {
            bytes = directory.server().getEntry(dn).getAttributeValueBytes("objectGUID");
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new AssertionError(e);
        }

        java.nio.ByteBuffer little = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", little.getInt(0),
                little.getShort(4), little.getShort(6), bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13],
                bytes[14], bytes[15]);
    }
}
