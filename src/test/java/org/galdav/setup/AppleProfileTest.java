package org.galdav.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.PropertyListParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.galdav.setup.AppleProfile.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppleProfileTest {
    private static final Account ALICE = new Account(URI.create("https://contacts.example.com/"), "alice",
            "Example Corp contacts");

    /** A reverse-DNS identifier: dot-separated labels of letters, digits and hyphens. */
    private static final String REVERSE_DNS = "[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+";

    @Test
    void theProfileIsOneConfigurationAroundOneCardDavAccount() throws Exception {
        NSDictionary profile = parse(AppleProfile.xml(ALICE));

        assertThat(profile.keySet()).containsExactlyInAnyOrder("PayloadType", "PayloadVersion",
                "PayloadIdentifier", "PayloadUUID", "PayloadDisplayName", "PayloadDescription",
                "PayloadRemovalDisallowed", "PayloadContent");
        assertThat(string(profile, "PayloadType")).isEqualTo("Configuration");
        assertThat(integer(profile, "PayloadVersion")).isEqualTo(1);
        assertThat(string(profile, "PayloadIdentifier")).matches(REVERSE_DNS)
                .isEqualTo(AppleProfile.profileIdentifier(ALICE));
        assertThat(UUID.fromString(string(profile, "PayloadUUID"))).isNotNull();
        assertThat(string(profile, "PayloadDisplayName")).isEqualTo("Example Corp contacts");
        assertThat(string(profile, "PayloadDescription")).contains("Example Corp contacts", "alice", "Contacts",
                "read-only", "password is not");
        assertThat(bool(profile, "PayloadRemovalDisallowed")).isFalse();
        assertThat(((NSArray) profile.get("PayloadContent")).getArray()).hasSize(1);
    }

    @Test
    void theAccountPayloadCarriesHostPortTlsPrincipalAndUserName() throws Exception {
        NSDictionary profile = parse(AppleProfile.xml(ALICE));
        NSDictionary account = account(profile);

        assertThat(account.keySet()).containsExactlyInAnyOrder("PayloadType", "PayloadVersion",
                "PayloadIdentifier", "PayloadUUID", "PayloadDisplayName", "CardDAVAccountDescription",
                "CardDAVHostName", "CardDAVPort", "CardDAVUseSSL", "CardDAVPrincipalURL", "CardDAVUsername");
        assertThat(string(account, "PayloadType")).isEqualTo("com.apple.carddav.account");
        assertThat(integer(account, "PayloadVersion")).isEqualTo(1);
        assertThat(string(account, "PayloadIdentifier")).matches(REVERSE_DNS)
                .startsWith(string(profile, "PayloadIdentifier") + ".");
        assertThat(UUID.fromString(string(account, "PayloadUUID")).toString())
                .isNotEqualToIgnoringCase(string(profile, "PayloadUUID"));
        assertThat(string(account, "PayloadDisplayName")).contains("Example Corp contacts");
        assertThat(string(account, "CardDAVAccountDescription")).isEqualTo("Example Corp contacts");
        assertThat(string(account, "CardDAVHostName")).isEqualTo("contacts.example.com");
        assertThat(integer(account, "CardDAVPort")).isEqualTo(443);
        assertThat(bool(account, "CardDAVUseSSL")).isTrue();
        assertThat(string(account, "CardDAVPrincipalURL")).isEqualTo("https://contacts.example.com/principals/alice/");
        assertThat(string(account, "CardDAVUsername")).isEqualTo("alice");
    }

    @Test
    void noKeyAnywhereHoldsAPassword() throws Exception {
        byte[] xml = AppleProfile.xml(ALICE);

        assertThat(allKeys(parse(xml))).isNotEmpty().noneMatch(k -> k.toLowerCase().contains("password"));
        assertThat(new String(xml, StandardCharsets.UTF_8)).doesNotContain("CardDAVPassword");
    }

    @ParameterizedTest
    @CsvSource({
        "https://contacts.example.com/,       contacts.example.com, 443,  true,  https://contacts.example.com",
        "https://Contacts.Example.COM:8443/,  contacts.example.com, 8443, true,  https://contacts.example.com:8443",
        "http://host:8080/,                   host,                 8080, false, http://host:8080",
        "http://10.0.0.7,                     10.0.0.7,             80,   false, http://10.0.0.7",
        "'https://[2001:db8::7]/',            '[2001:db8::7]',      443,  true,  'https://[2001:db8::7]'",
        "'http://[::1]:8008/',                '[::1]',              8008, false, 'http://[::1]:8008'",
        "https://example.com/galdav/ignored/, example.com,          443,  true,  https://example.com",
    })
    void hostPortAndTlsComeFromTheServerUrl(String url, String host, int port, boolean tls, String origin)
            throws Exception {
        NSDictionary account = account(parse(AppleProfile.xml(new Account(URI.create(url), "u", "Contacts"))));

        assertThat(string(account, "CardDAVHostName")).isEqualTo(host);
        assertThat(integer(account, "CardDAVPort")).isEqualTo(port);
        assertThat(bool(account, "CardDAVUseSSL")).isEqualTo(tls);
        assertThat(string(account, "CardDAVPrincipalURL")).isEqualTo(origin + "/principals/u/");
        assertThat(URI.create(string(account, "CardDAVPrincipalURL")).getHost()).isEqualTo(host);
    }

    @Test
    void identifiersAreTheSameForTheSameAccount() throws Exception {
        NSDictionary first = parse(AppleProfile.xml(ALICE));
        NSDictionary again = parse(AppleProfile.xml(new Account(URI.create("https://CONTACTS.example.com:443"),
                "alice", "Another title")));

        assertThat(identifiers(again)).isEqualTo(identifiers(first));
        assertThat(AppleProfile.xml(ALICE)).isEqualTo(AppleProfile.xml(ALICE));
    }

    @Test
    void identifiersDifferForAnotherLoginSchemePortOrHost() throws Exception {
        List<String> alice = identifiers(parse(AppleProfile.xml(ALICE)));
        List<Account> others = List.of(
                new Account(URI.create("https://contacts.example.com/"), "bob", "Example Corp contacts"),
                new Account(URI.create("https://contacts.example.com/"), "Alice", "Example Corp contacts"),
                new Account(URI.create("http://contacts.example.com:443/"), "alice", "Example Corp contacts"),
                new Account(URI.create("https://contacts.example.com:8443/"), "alice", "Example Corp contacts"),
                new Account(URI.create("https://contacts.example.org/"), "alice", "Example Corp contacts"));

        for (Account other : others) {
            List<String> ids = identifiers(parse(AppleProfile.xml(other)));
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).as(other + " #" + i).isNotEqualTo(alice.get(i));
            }
        }
    }

    @Test
    void aLoginWithMarkupAndAccentsRoundTripsAndStaysOutOfIdentifiers() throws Exception {
        String login = "a&b<c>\"é]]>";
        Account account = new Account(URI.create("https://contacts.example.com/"), login, "<b>Corp</b> & co");
        NSDictionary profile = parse(AppleProfile.xml(account));
        NSDictionary payload = account(profile);

        assertThat(string(payload, "CardDAVUsername")).isEqualTo(login);
        assertThat(string(payload, "CardDAVAccountDescription")).isEqualTo("<b>Corp</b> & co");
        assertThat(string(payload, "CardDAVPrincipalURL"))
                .isEqualTo("https://contacts.example.com/principals/a%26b%3Cc%3E%22%C3%A9%5D%5D%3E/");
        for (NSDictionary dict : List.of(profile, payload)) {
            assertThat(string(dict, "PayloadIdentifier")).matches(REVERSE_DNS).doesNotContain("a&b", "é");
        }
    }

    @Test
    void unusableServerUrlsAreRefused() {
        assertThatThrownBy(() -> new Account(URI.create("ftp://example.com/"), "u", "n"))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> new Account(URI.create("/relative/"), "u", "n"))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> new Account(URI.create("https://user:pw@example.com/"), "u", "n"))
                .hasMessageContaining("user information");
        assertThatThrownBy(() -> new Account(URI.create("https://exa_mple.com/"), "u", "n"))
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> new Account(URI.create("https://example.com/"), "", "n"))
                .hasMessageContaining("login");
    }

    @Test
    void theContentTypeIsApples() {
        assertThat(AppleProfile.CONTENT_TYPE).isEqualTo("application/x-apple-aspen-config");
    }

    static NSDictionary parse(byte[] xml) throws Exception {
        assertThat(new String(xml, StandardCharsets.UTF_8)).startsWith("<?xml").contains("<plist");
        NSObject root = PropertyListParser.parse(xml);
        assertThat(root).isInstanceOf(NSDictionary.class);
        return (NSDictionary) root;
    }

    private static NSDictionary account(NSDictionary profile) {
        NSObject[] content = ((NSArray) profile.get("PayloadContent")).getArray();
        assertThat(content).hasSize(1);
        return (NSDictionary) content[0];
    }

    private static List<String> identifiers(NSDictionary profile) {
        NSDictionary account = account(profile);
        return List.of(string(profile, "PayloadIdentifier"), string(profile, "PayloadUUID"),
                string(account, "PayloadIdentifier"), string(account, "PayloadUUID"));
    }

    private static List<String> allKeys(NSDictionary dict) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, NSObject> e : dict.entrySet()) {
            keys.add(e.getKey());
            if (e.getValue() instanceof NSDictionary inner) {
                keys.addAll(allKeys(inner));
            } else if (e.getValue() instanceof NSArray array) {
                for (NSObject o : array.getArray()) {
                    if (o instanceof NSDictionary inner) {
                        keys.addAll(allKeys(inner));
                    }
                }
            }
        }
        return keys;
    }

    private static String string(NSDictionary dict, String key) {
        assertThat(dict.get(key)).as(key).isInstanceOf(NSString.class);
        return ((NSString) dict.get(key)).getContent();
    }

    private static int integer(NSDictionary dict, String key) {
        assertThat(dict.get(key)).as(key).isInstanceOfSatisfying(NSNumber.class,
                n -> assertThat(n.type()).as(key).isEqualTo(NSNumber.INTEGER));
        return ((NSNumber) dict.get(key)).intValue();
    }

    private static boolean bool(NSDictionary dict, String key) {
        assertThat(dict.get(key)).as(key).isInstanceOfSatisfying(NSNumber.class,
                n -> assertThat(n.type()).as(key).isEqualTo(NSNumber.BOOLEAN));
        return ((NSNumber) dict.get(key)).boolValue();
    }
}
