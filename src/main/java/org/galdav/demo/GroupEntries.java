package org.galdav.demo;

import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The demo company's groups: everyone, each department and office, management circles, project teams and a
 * few committees as {@code groupOfNames}, plus two legacy {@code groupOfUniqueNames}.
 */
final class GroupEntries {

    private static final List<String> PROJECTS = List.of(
            "Aurora: the next-generation customer portal",
            "Borealis: migrating the data centre to the cloud",
            "Cassini: self-service analytics for Sales",
            "Daedalus: rebuilding the mobile apps",
            "Eiger: ISO 27001 certification",
            "Fjord: expansion into the Nordic market",
            "Galileo: machine-learning based ticket routing");

    private final List<Person> people;
    private final Random random;
    private final long seed;
    private final List<Entry> groups = new ArrayList<>();

    private GroupEntries(List<Person> people, long seed) {
        this.people = people;
        this.seed = seed;
        this.random = Seeds.random(seed, 4);
    }

    static List<Entry> entries(List<Person> people, long seed) {
        return new GroupEntries(people, seed).build();
    }

    private List<Entry> build() {
        add("All Staff", "Everyone at " + DemoCompany.ORGANIZATION, null, where(p -> true));
        for (Department department : Department.values()) {
            add(department.title, "Everyone in the " + department.title + " department", headOf(department),
                    where(p -> p.department() == department));
        }
        for (Office office : Office.values()) {
            add(office.city + " Office", "Everyone based at " + office.street + ", " + office.city, null,
                    where(p -> p.office() == office));
        }
        Person ceo = people.get(1);
        add("Leadership Team", "The CEO and the heads of department", ceo,
                where(p -> p.role() == Role.CEO || p.role() == Role.HEAD));
        add("People Managers", "Everyone with direct reports", ceo, where(p -> p.role() != Role.STAFF));
        for (String project : PROJECTS) {
            int colon = project.indexOf(':');
            List<Person> team = sample(6 + random.nextInt(19), p -> true);
            add("Project " + project.substring(0, colon), "Project " + project, team.get(0), team);
        }
        add("Works Council", "Elected employee representatives (Betriebsrat) of the Berlin office", null,
                sample(7, p -> p.office() == Office.BERLIN && p.role() == Role.STAFF));
        add("Social Committee", "Summer party, winter party and the Friday cake rota", null,
                sample(5 + random.nextInt(6), p -> true));
        add("First Aiders", "Trained first aiders at every office", null, firstAiders());
        add("Mentors", "Experienced colleagues who look after new hires", headOf(Department.HUMAN_RESOURCES),
                sample(12, p -> p.role() == Role.STAFF));
        addUnique("Legacy VPN Users", "Accounts still allowed on the old VPN concentrator",
                sample(9, p -> p.department() == Department.ENGINEERING || p.department() == Department.SUPPORT));
        addUnique("Badge Administrators", "May issue and revoke building access badges",
                sample(4, p -> p.department() == Department.OPERATIONS));
        return groups;
    }

    private void add(String cn, String description, Person owner, List<Person> members) {
        Entry entry = new Entry("cn=" + cn + "," + DemoCompany.GROUPS_DN);
        entry.addAttribute("objectClass", "top", "groupOfNames");
        entry.addAttribute("cn", cn);
        entry.addAttribute("description", description);
        if (owner != null) {
            entry.addAttribute("owner", owner.dn());
        }
        entry.addAttribute("member", members.stream().map(Person::dn).toArray(String[]::new));
        Stamps.apply(entry, seed);
        groups.add(entry);
    }

    private void addUnique(String cn, String description, List<Person> members) {
        Entry entry = new Entry("cn=" + cn + "," + DemoCompany.GROUPS_DN);
        entry.addAttribute("objectClass", "top", "groupOfUniqueNames");
        entry.addAttribute("cn", cn);
        entry.addAttribute("description", description);
        entry.addAttribute("uniqueMember", members.stream().map(Person::dn).toArray(String[]::new));
        Stamps.apply(entry, seed);
        groups.add(entry);
    }

    private List<Person> where(Predicate<Person> filter) {
        return people.stream().filter(filter).toList();
    }

    /** Up to {@code count} distinct people matching the filter, drawn at random, in roster order. */
    private List<Person> sample(int count, Predicate<Person> filter) {
        List<Person> candidates = where(filter);
        TreeSet<Integer> chosen = new TreeSet<>();
        int wanted = Math.min(count, candidates.size());
        while (chosen.size() < wanted) {
            chosen.add(random.nextInt(candidates.size()));
        }
        return chosen.stream().map(candidates::get).toList();
    }

    private List<Person> firstAiders() {
        List<Person> aiders = new ArrayList<>();
        for (Office office : Office.values()) {
            aiders.addAll(sample(3, p -> p.office() == office));
        }
        return aiders;
    }

    private Person headOf(Department department) {
        return people.stream()
                .filter(p -> p.department() == department && (p.role() == Role.HEAD || p.role() == Role.CEO))
                .findFirst()
                .orElseThrow();
    }
}
