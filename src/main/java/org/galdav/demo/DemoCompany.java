package org.galdav.demo;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic generator of the demo company's LDAP entries (no LDAP server needed): a directory realistic
 * enough to exercise clients (international names, photos, groups, reporting lines) that needs no setup.
 * The same {@link DemoOptions} always give the same entries, including {@code entryUUID} and timestamps.
 */
public final class DemoCompany {

    public static final String BASE_DN = "dc=demo,dc=galdav,dc=org";
    public static final String PEOPLE_DN = "ou=People," + BASE_DN;
    public static final String GROUPS_DN = "ou=Groups," + BASE_DN;
    static final String SERVICES_DN = "ou=Services," + BASE_DN;
    /** Service account that galdav binds as to search the directory. */
    public static final String SERVICE_DN = "cn=galdav," + SERVICES_DN;
    public static final String SERVICE_PASSWORD = "galdav-demo-service";
    /** Login of the demo user ({@code uid=demo,ou=People,...}); every other person's password is their uid. */
    public static final String DEMO_LOGIN = "demo";
    public static final String DEMO_PASSWORD = "demo";

    static final String ORGANIZATION = "Galdav Demo GmbH";

    private DemoCompany() {
    }

    /**
     * All entries in add order, parents first: base, organizational units, service account, people, groups.
     * Each call returns new, mutable entries.
     */
    public static List<Entry> entries(DemoOptions options) {
        long seed = options.seed();
        List<Person> people = Roster.build(options);
        List<Entry> entries = new ArrayList<>(people.size() + 40);
        entries.add(base(seed));
        entries.add(unit("People", "Everyone who works at " + ORGANIZATION, seed));
        entries.add(unit("Groups", "Departments, offices, teams and committees", seed));
        entries.add(unit("Services", "Accounts used by applications", seed));
        entries.add(serviceAccount(seed));
        for (Person person : people) {
            Person manager = person.manager() < 0 ? null : people.get(person.manager());
            entries.add(PersonEntries.entry(person, manager, seed));
        }
        entries.addAll(GroupEntries.entries(people, seed));
        return entries;
    }

    private static Entry base(long seed) {
        Entry entry = new Entry(BASE_DN);
        entry.addAttribute("objectClass", "top", "dcObject", "organization");
        entry.addAttribute("dc", "demo");
        entry.addAttribute("o", ORGANIZATION);
        entry.addAttribute("description", "Generated demo directory of galdav");
        Stamps.apply(entry, seed);
        return entry;
    }

    private static Entry unit(String name, String description, long seed) {
        Entry entry = new Entry("ou=" + name + "," + BASE_DN);
        entry.addAttribute("objectClass", "top", "organizationalUnit");
        entry.addAttribute("ou", name);
        entry.addAttribute("description", description);
        Stamps.apply(entry, seed);
        return entry;
    }

    private static Entry serviceAccount(long seed) {
        Entry entry = new Entry(SERVICE_DN);
        entry.addAttribute("objectClass", "top", "organizationalRole", "simpleSecurityObject");
        entry.addAttribute("cn", "galdav");
        entry.addAttribute("description", "Service account galdav binds as to search the directory");
        entry.addAttribute("userPassword", SERVICE_PASSWORD);
        Stamps.apply(entry, seed);
        return entry;
    }
}
