package org.galdav.setup;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.galdav.dav.DavPaths;

/**
 * The Apple configuration profile ({@code .mobileconfig}) that adds galdav as a CardDAV account on iOS, iPadOS and
 * macOS: an XML property list with one {@code Configuration} profile around one {@code com.apple.carddav.account}
 * payload (Apple Device Management, "CardDAV" profile payload).
 *
 * <p><b>One account payload, not one per book.</b> Every book a user sees lives in the one address book home
 * ({@code /addressbooks/}, RFC 6352 §7.1.1) reached from the user's principal, so one CardDAV account already lists
 * every synced book in Contacts, and directory gateways are found through the same principal (RFC 6352 §7.1.2). A
 * payload per book would give the phone the same account several times, each syncing everything.
 *
 * <p><b>No password, ever.</b> Apple: "Only use this in encrypted profiles"; without {@code CardDAVPassword} the
 * device asks for it when the profile is installed, and the file can be downloaded, mailed and cached safely.
 *
 * <p><b>Stable identifiers.</b> The device replaces an installed profile that has the same top-level
 * {@code PayloadIdentifier}. Identifiers and UUIDs are name-based (RFC 4122 §4.3) over the account's identity
 * (scheme, host, effective port, login), so downloading the profile twice replaces it, while another user or server
 * gets another one. The login never appears in an identifier, only its hash: Apple wants reverse-DNS strings there.
 *
 * <p>Thread-safe: stateless.
 */
public final class AppleProfile {
    /** The media type iOS and macOS install from Safari (Apple Device Management, "Configuration profiles"). */
    public static final String CONTENT_TYPE = "application/x-apple-aspen-config";

    private static final String IDENTIFIER_PREFIX = "org.galdav.profile.";

    private AppleProfile() {
    }

    /**
     * Whose account on which server.
     *
     * @param serverUrl  the server's external base URL, {@code http} or {@code https} with a host, such as
     *                   {@code https://contacts.example.com/} or {@code http://host:8080/}; its path is not used,
     *                   galdav's URL layout starts at the root ({@link DavPaths})
     * @param login      the user's login name, as typed into the client
     * @param serverName what the person calls this server ("Example Corp contacts"): the account's name on the
     *                   device and the profile's title
     */
    public record Account(URI serverUrl, String login, String serverName) {
        public Account {
            Objects.requireNonNull(serverUrl, "serverUrl");
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(serverName, "serverName");
            String scheme = serverUrl.getScheme() == null ? "" : serverUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("server URL must be http or https: " + serverUrl);
            }
            if (serverUrl.getHost() == null) {
                throw new IllegalArgumentException("server URL has no host (write an IDN as its A-label): "
                        + serverUrl);
            }
            if (serverUrl.getRawUserInfo() != null) {
                throw new IllegalArgumentException("server URL must not carry user information: " + serverUrl);
            }
            if (login.isEmpty()) {
                throw new IllegalArgumentException("login is empty");
            }
            if (serverName.isBlank()) {
                throw new IllegalArgumentException("server name is blank");
            }
        }

        boolean tls() {
            return serverUrl.getScheme().equalsIgnoreCase("https");
        }

        /** The URL's port, or the scheme's default (RFC 9110 §4.2.1, §4.2.2). */
        int port() {
            return serverUrl.getPort() >= 0 ? serverUrl.getPort() : tls() ? 443 : 80;
        }

        /**
         * The host as a URL writes it: a name, an IPv4 address, or an IPv6 address in brackets (RFC 3986 §3.2.2).
         * The brackets stay: Apple's URL classes accept an IPv6 literal host only in that form.
         */
        String host() {
            return serverUrl.getHost().toLowerCase(Locale.ROOT);
        }

        /** Scheme, host, effective port and login: what makes two accounts the same one on a device. */
        String identity() {
            return (tls() ? "https" : "http") + "://" + host() + ":" + port() + "/\n" + login;
        }
    }

    /** The profile as an XML property list (UTF-8), unsigned: sign it with {@link ProfileSigner} when possible. */
    public static byte[] xml(Account account) {
        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadVersion", 1);
        profile.put("PayloadIdentifier", profileIdentifier(account));
        profile.put("PayloadUUID", uuid("profile", account));
        profile.put("PayloadDisplayName", account.serverName());
        profile.put("PayloadDescription", "Adds the address books of " + account.serverName() + " ("
                + account.host() + ") to Contacts for " + account.login() + ", read-only. Your password is not"
                + " part of this profile: the device asks for it when you install it.");
        profile.put("PayloadRemovalDisallowed", false);
        profile.put("PayloadContent", new NSArray(cardDav(account)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PropertyListParser.saveAsXML(profile, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** The top-level {@code PayloadIdentifier}: the same for the same account, different for any other. */
    public static String profileIdentifier(Account account) {
        return IDENTIFIER_PREFIX + uuid("profile", account);
    }

    private static NSDictionary cardDav(Account account) {
        NSDictionary payload = new NSDictionary();
        payload.put("PayloadType", "com.apple.carddav.account");
        payload.put("PayloadVersion", 1);
        payload.put("PayloadIdentifier", profileIdentifier(account) + ".carddav");
        payload.put("PayloadUUID", uuid("carddav", account));
        payload.put("PayloadDisplayName", "CardDAV account: " + account.serverName());
        payload.put("CardDAVAccountDescription", account.serverName());
        payload.put("CardDAVHostName", account.host());
        payload.put("CardDAVPort", account.port());
        payload.put("CardDAVUseSSL", account.tls());
        // Apple documents CardDAVPrincipalURL as "The base URL to the user's address book" (Device Management,
        // CardDAV payload; apple/device-management mdm/profiles/com.apple.carddav.account.yaml) and Apple Platform
        // Deployment ("Contacts payload settings") as "The principal URL for the CardDAV account": a URL, so an
        // absolute one (RFC 3986 §4.3), which names scheme, host and port itself and leaves nothing for the device
        // to guess. Pointing at the principal saves the device the RFC 6764 discovery and reaches every book
        // (RFC 6352 §7.1).
        payload.put("CardDAVPrincipalURL", principalUrl(account));
        payload.put("CardDAVUsername", account.login());
        return payload;
    }

    /** The absolute URL of the user's principal on the external server URL. */
    static String principalUrl(Account account) {
        try {
            URI root = new URI(account.tls() ? "https" : "http", null, account.host(), account.serverUrl().getPort(),
                    "/", null, null);
            return root.resolve(DavPaths.principal(account.login())).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the parts of a valid URL make no URL: " + account.serverUrl(), e);
        }
    }

    /** A name-based UUID (RFC 4122 §4.3) of the account's identity, upper case as macOS's {@code uuidgen} writes. */
    private static String uuid(String role, Account account) {
        byte[] name = ("galdav apple profile\n" + role + "\n" + account.identity()).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString().toUpperCase(Locale.ROOT);
    }
}
