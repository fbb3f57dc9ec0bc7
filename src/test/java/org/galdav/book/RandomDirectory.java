package org.galdav.book;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random directories: people with awkward names (accents, CJK, Cyrillic, Greek sigma, Turkish
 * dotless i, decomposed accents, LDAP filter specials) and attributes that come and go, plus a few groups.
 * Stored values avoid Unicode compatibility characters (ligatures, fullwidth forms): galdav relies on
 * the directory to normalize those (RFC 4518 §2.2) and the in-memory test server does not; queries
 * still use them (see docs/mapping.md, "Searching").
 */
final class RandomDirectory {
    static final String BASE = "dc=random,dc=test";
    static final String[] GIVEN = {"Anna", "Ann-Marie", "José", "Zoë", "Łukasz", "Yıldız", "Işıl", "İlker", "Σοφία",
            "Νίκος", "Иван", "Ольга", "太郎", "芳", "محمد", "O'Brien", "Star*", "(Paren)", "Back\\slash", "Fiona", "Rene\u0301e",
            "Ωmega", "Chloé", "ANNA", "anna", "Åsa", "Straße", "김민준", "가나", "がく", "カナ"};
    static final String[] FAMILY = {"Müller", "Mueller", "Dupont", "Öztürk", "Yılmaz", "Παπαδόπουλος", "Οδυσσέας",
            "Петров", "山田", "王", "Al-Farsi", "Smith", "SMITH", "smith*", "Nuñez", "Kowalski", "Ørsted", "Weiß"};
    static final String[] TITLES = {"Engineer", "Sales Manager", "CEO", "Ingénieure", "Директор", "Team (Lead)", "a*b"};
    static final String[] DEPARTMENTS = {"Engineering", "Sales", "R&D", "Straße 5", "Ops"};

    private RandomDirectory() {
    }

    static List<Entry> entries(long seed, int people) {
        Random random = new Random(seed);
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "random")));
        entries.add(new Entry("ou=People," + BASE, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "People")));
        List<String> dns = new ArrayList<>();
        for (int person = 0; person < people; person++) {
            int i = person;
            String given = pick(random, GIVEN);
            String family = pick(random, FAMILY);
            String uid = "u" + i;
            String dn = "uid=" + uid + ",ou=People," + BASE;
            dns.add(dn);
            Entry entry = new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
                    new Attribute("uid", uid), new Attribute("sn", family),
                    new Attribute("cn", given + " " + family),
                    new Attribute("entryUUID", new UUID(random.nextLong(), random.nextLong()).toString()));
            maybe(random, 0.8, () -> entry.addAttribute("givenName", given));
            maybe(random, 0.4, () -> entry.addAttribute("displayName", family + ", " + given));
            maybe(random, 0.8, () -> entry.addAttribute("mail", ascii(given) + "." + i + "@example.com"));
            maybe(random, 0.2, () -> entry.addAttribute("mail", "alias" + i + "@EXAMPLE.org"));
            maybe(random, 0.7, () -> entry.addAttribute("telephoneNumber", "+49 30 " + (1000 + random.nextInt(9000))));
            maybe(random, 0.5, () -> entry.addAttribute("mobile", "+49 170 " + (100000 + random.nextInt(900000))));
            maybe(random, 0.6, () -> entry.addAttribute("title", pick(random, TITLES)));
            maybe(random, 0.6, () -> entry.addAttribute("ou", pick(random, DEPARTMENTS)));
            maybe(random, 0.3, () -> entry.addAttribute("o", "Example AG"));
            maybe(random, 0.3, () -> entry.addAttribute("l", pick(random, new String[] {"Berlin", "Lyon", "İzmir", "東京"})));
            maybe(random, 0.2, () -> entry.addAttribute("description", "Note " + pick(random, GIVEN)));
            maybe(random, 0.3, () -> entry.addAttribute("roomNumber", pick(random, new String[] {"12", "R2-D2", "3;4", "r5"})));
            maybe(random, 0.05, () -> entry.addAttribute("telephoneNumber", " "));
            entries.add(entry);
        }
        entries.add(new Entry("ou=Groups," + BASE, new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "Groups")));
        for (int g = 0; g < 3; g++) {
            List<String> members = new ArrayList<>();
            for (String dn : dns) {
                if (random.nextInt(3) == 0) {
                    members.add(dn);
                }
            }
            if (members.isEmpty()) {
                members.add(dns.get(0));
            }
            entries.add(new Entry("cn=Group " + g + ",ou=Groups," + BASE,
                    new Attribute("objectClass", "top", "groupOfNames"), new Attribute("cn", "Group " + g),
                    new Attribute("member", members),
                    new Attribute("entryUUID", new UUID(random.nextLong(), random.nextLong()).toString())));
        }
        return entries;
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static void maybe(Random random, double chance, Runnable action) {
        if (random.nextDouble() < chance) {
            action.run();
        }
    }

    private static String ascii(String s) {
        String plain = s.replaceAll("[^A-Za-z]", "");
        return plain.isEmpty() ? "user" : plain.toLowerCase(java.util.Locale.ROOT);
    }
}
