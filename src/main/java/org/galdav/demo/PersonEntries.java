package org.galdav.demo;

import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import java.util.Random;

/**
 * Writes a {@link Person} as an {@code inetOrgPerson} entry with the attributes a corporate directory usually
 * has. Optional attributes appear at realistic rates; the demo user has all of them.
 */
final class PersonEntries {

    static final String MAIL_DOMAIN = "demo.galdav.org";

    /** Includes a multi-line note and vCard-special characters (comma, semicolon, backslash). */
    private static final List<String> DESCRIPTIONS = List.of(
            "Speaks English, French and German; learning Japanese",
            "Mentor for new hires",
            "First aider",
            "Part-time (Monday to Thursday)",
            "Works remotely on Fridays",
            "Fire warden, 3rd floor",
            "Organises the monthly tech talk",
            "Office hours:\nTuesday and Thursday 10:00–12:00",
            "Back from parental leave in spring",
            "Ask me about the shared drive at \\\\files\\public");

    private PersonEntries() {
    }

    static Entry entry(Person person, Person manager, long seed) {
        Random random = Seeds.random(seed, 2, person.index());
        boolean all = person.isDemoUser();
        PersonName name = person.name();
        Office office = person.office();
        Department department = person.department();

        Entry entry = new Entry(person.dn());
        entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
        entry.addAttribute("uid", person.uid());
        entry.addAttribute("cn", name.common());
        entry.addAttribute("sn", name.surname());
        entry.addAttribute("givenName", name.given());
        entry.addAttribute("displayName", name.common());
        entry.addAttribute("mail", person.uid() + "@" + MAIL_DOMAIN);
        if (person.alias() != null) {
            entry.addAttribute("mail", person.alias() + "@" + MAIL_DOMAIN);
        }
        entry.addAttribute("telephoneNumber", office.phone(1000 + person.index()));
        String mobile = office.mobile(random);
        if (all || random.nextInt(100) < 85) {
            entry.addAttribute("mobile", mobile);
        }
        if (all || random.nextInt(100) < 5) {
            entry.addAttribute("facsimileTelephoneNumber", office.fax);
        }
        entry.addAttribute("title", person.title());
        entry.addAttribute("ou", department.title);
        entry.addAttribute("o", DemoCompany.ORGANIZATION);
        entry.addAttribute("departmentNumber", department.number);
        entry.addAttribute("employeeNumber", String.valueOf(10_001 + person.index()));
        entry.addAttribute("street", office.street);
        entry.addAttribute("l", office.city);
        entry.addAttribute("st", office.state);
        entry.addAttribute("postalCode", office.postalCode);
        entry.addAttribute("postalAddress", office.postalAddress(DemoCompany.ORGANIZATION));
        if (manager != null) {
            entry.addAttribute("manager", manager.dn());
        }
        String description = DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size()));
        if (all) {
            entry.addAttribute("description", "The demo account: sign in as demo / demo");
        } else if (random.nextInt(100) < 25) {
            entry.addAttribute("description", description);
        }
        if (all || random.nextInt(100) < 10) {
            entry.addAttribute("labeledURI", "https://wiki." + MAIL_DOMAIN + "/people/" + person.uid() + " Wiki profile");
        }
        float hue = random.nextFloat();
        if (all || random.nextInt(100) < 5) {
            entry.addAttribute("jpegPhoto", Avatars.jpeg(name.initials(), hue));
        }
        entry.addAttribute("userPassword", person.isDemoUser() ? DemoCompany.DEMO_PASSWORD : person.uid());
        Stamps.apply(entry, seed);
        return entry;
    }
}
