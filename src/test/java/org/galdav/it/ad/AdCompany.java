package org.galdav.it.ad;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Active Directory-shaped test data: users, a contact, a computer, groups (one huge, one nested). */
public final class AdCompany {
    public static final String BASE = "DC=ad,DC=galdav,DC=test";
    public static final String USERS = "CN=Users," + BASE;
    public static final String SERVICE_DN = "CN=svc-galdav," + USERS;
    public static final String PASSWORD = "Passw0rd!";
    /** The first user's objectGUID: the MS-DTYP example layout, so its string form is known. */
    public static final byte[] FIRST_GUID = {0x78, 0x56, 0x34, 0x12, (byte) 0xbc, (byte) 0x9a, (byte) 0xf0, (byte) 0xde,
            0x12, 0x34, 0x56, 0x78, (byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0};
    public static final String FIRST_GUID_TEXT = "12345678-9abc-def0-1234-56789abcdef0";
    public static final String DISABLED = "Dora Disabled";
    public static final String HIDDEN = "Hugo Hidden";
    public static final String BIG_PHOTO = "Bianca Bigphoto";
    public static final String BROKEN_PHOTO = "Bruno Brokenphoto";

    private AdCompany() {
    }

    /** @param users ordinary enabled users (plus the special ones) */
    public static List<Entry> entries(int users) {
        Random random = new Random(99);
        List<Entry> out = new ArrayList<>();
        out.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "ad")));
        out.add(new Entry(USERS, new Attribute("objectClass", "top", "container"), new Attribute("cn", "Users")));
        out.add(new Entry(SERVICE_DN, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("cn", "svc-galdav"), new Attribute("sAMAccountName", "svc-galdav"),
                new Attribute("userAccountControl", "66048"), new Attribute("userPassword", PASSWORD),
                new Attribute("msExchHideFromAddressLists", "TRUE"), guid(random)));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String given = i == 0 ? "Alice" : "User" + i;
            String family = i == 0 ? "Anderson" : "Number" + i;
            Entry user = user(given, family, i == 0 ? new Attribute("objectGUID", FIRST_GUID) : guid(random), "512");
            if (i > 0) {
                user.addAttribute("manager", dn("Alice Anderson"));
            }
            out.add(user);
            members.add(user.getDN());
        }
        Entry disabled = user("Dora", "Disabled", guid(random), "514");
        Entry hidden = user("Hugo", "Hidden", guid(random), "512");
        hidden.addAttribute("msExchHideFromAddressLists", "TRUE");
        Entry big = user("Bianca", "Bigphoto", guid(random), "66048");
        big.addAttribute("thumbnailPhoto", jpeg(1200, 900));
        Entry broken = user("Bruno", "Brokenphoto", guid(random), "512");
        broken.addAttribute("thumbnailPhoto", "this is not an image at all, not even close".getBytes());
        out.addAll(List.of(disabled, hidden, big, broken));
        members.addAll(List.of(disabled.getDN(), hidden.getDN(), big.getDN(), broken.getDN()));
        out.add(new Entry("CN=Carla Contact," + USERS, new Attribute("objectClass", "top", "person", "organizationalPerson",
                "contact"), new Attribute("cn", "Carla Contact"), new Attribute("displayName", "Carla Contact"),
                new Attribute("mail", "carla@partner.example"), guid(random),
                new Attribute("whenChanged", "20250301101500.0Z")));
        out.add(new Entry("CN=WS-0042," + USERS, new Attribute("objectClass", "top", "person", "organizationalPerson",
                "user", "computer"), new Attribute("cn", "WS-0042"), new Attribute("userAccountControl", "4096"),
                guid(random)));
        Entry platform = group("Platform", random, List.of(members.get(1), members.get(2)));
        out.add(platform);
        out.add(group("Engineering", random, List.of(members.get(3), platform.getDN())));
        out.add(group("All Users", random, members));
        return out;
    }

    public static String dn(String displayName) {
        return "CN=" + displayName + "," + USERS;
    }

    private static Entry user(String given, String family, Attribute guid, String accountControl) {
        String name = given + " " + family;
        String login = (given.charAt(0) + family).toLowerCase(java.util.Locale.ROOT);
        return new Entry(dn(name),
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("cn", name), new Attribute("displayName", name), new Attribute("givenName", given),
                new Attribute("sn", family), new Attribute("sAMAccountName", login),
                new Attribute("userPrincipalName", login + "@ad.galdav.test"),
                new Attribute("mail", login + "@ad.galdav.test"),
                new Attribute("proxyAddresses", "smtp:" + login + ".alias@ad.galdav.test",
                        "SMTP:" + login + "@ad.galdav.test", "X500:/o=Galdav/ou=Exchange/cn=Recipients/cn=" + login,
                        "SIP:" + login + "@ad.galdav.test"),
                new Attribute("telephoneNumber", "+1 416 555 0100"), new Attribute("mobile", "+1 647 555 0199"),
                new Attribute("title", "Engineer"), new Attribute("department", "Engineering"),
                new Attribute("company", "Galdav Test Inc."), new Attribute("streetAddress", "1 Front Street W"),
                new Attribute("l", "Toronto"), new Attribute("st", "ON"), new Attribute("postalCode", "M5J 2X5"),
                new Attribute("co", "Canada"), new Attribute("physicalDeliveryOfficeName", "Toronto 12"),
                new Attribute("userAccountControl", accountControl), new Attribute("whenChanged", "20250102030405.0Z"),
                new Attribute("userPassword", PASSWORD), guid);
    }

    private static Entry group(String name, Random random, List<String> members) {
        return new Entry("CN=" + name + "," + USERS, new Attribute("objectClass", "top", "group"),
                new Attribute("cn", name), new Attribute("sAMAccountName", name.replace(" ", "")),
                new Attribute("description", name + " group"), new Attribute("groupType", "-2147483646"),
                new Attribute("member", members), new Attribute("whenChanged", "20250105080000.0Z"), guid(random));
    }

    private static Attribute guid(Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new Attribute("objectGUID", bytes);
    }

    static byte[] jpeg(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
