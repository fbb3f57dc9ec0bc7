package org.galdav.demo;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        List<Entry> entries = new ArrayList<>(Math.max(options.people(), Roster.MIN_PEOPLE) + 40);
        generate(options, entries::add);
        return entries;
    }

    /** Hands the entries to {@code sink} one by one, in add order, so that loading can overlap generation. */
    static void generate(DemoOptions options, Consumer<Entry> sink) {
        long seed = options.seed();
        sink.accept(base(seed));
        sink.accept(unit("People", "Everyone who works at " + ORGANIZATION, seed));
        sink.accept(unit("Groups", "Departments, offices, teams and committees", seed));
        sink.accept(unit("Services", "Accounts used by applications", seed));
        sink.accept(serviceAccount(seed));
        List<Person> people = Roster.build(options);
        for (Person person : people) {
            Person manager = person.manager() < 0 ? null : people.get(person.manager());
            sink.accept(PersonEntries.entry(person, manager, seed));
        }
        GroupEntries.entries(people, seed).forEach(sink);
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
