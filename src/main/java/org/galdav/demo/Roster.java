package org.galdav.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Decides who works at the demo company: names, unique logins, departments, offices and reporting lines.
 * Person 0 is the demo user, person 1 the CEO, persons 1 to 10 head the departments (spread over the offices),
 * and the first few people carry hand-picked names so that every script is present however small the company.
 */
final class Roster {

    /** Fewest people generated, so that every department, team and group has members. */
    static final int MIN_PEOPLE = 40;
    private static final int TEAM_SIZE = 8;
    private static final int MAX_LOGIN_STEM = 10;

    private record Showcase(Culture culture, String given, String surname) {
    }

    /** Names that must appear whatever the seed: accented Latin, Cyrillic, Greek, Arabic and CJK. */
    private static final List<Showcase> SHOWCASE = List.of(
            new Showcase(Culture.FRENCH, "Hélène", "Fontaine"),
            new Showcase(Culture.GERMAN, "Jürgen", "Müller"),
            new Showcase(Culture.IBERIAN, "José", "García"),
            new Showcase(Culture.ENGLISH, "Zoë", "Campbell"),
            new Showcase(Culture.WEST_SLAVIC, "Łukasz", "Wiśniewski"),
            new Showcase(Culture.NORDIC, "Søren", "Ørsted"),
            new Showcase(Culture.FRENCH, "François", "Lefèvre"),
            new Showcase(Culture.JAPANESE, "太郎|Taro", "山田|Yamada"),
            new Showcase(Culture.CHINESE, "芳|Fang", "王|Wang"),
            new Showcase(Culture.ARABIC, "محمد|Mohammed", "حداد|Haddad"),
            new Showcase(Culture.ARABIC, "فاطمة|Fatima", "الحسن|Al-Hassan"),
            new Showcase(Culture.EAST_SLAVIC, "Иван|Ivan", "Петров|Petrov"),
            new Showcase(Culture.GREEK, "Ελένη|Eleni", "Παπαδοπούλου|Papadopoulou"),
            new Showcase(Culture.TURKISH, "Ayşe", "Yılmaz"),
            new Showcase(Culture.DUTCH, "Daan", "van den Berg"));

    private final Random random;
    private final Set<String> logins = new HashSet<>(Set.of("demo", "galdav", "admin", "root"));
    private final Set<String> aliases = new HashSet<>(Set.of("demo.user"));
    private final int[] heads = new int[Department.values().length];
    private final int[] currentLead = new int[Department.values().length];
    private final int[] staffCount = new int[Department.values().length];

    private Roster(long seed) {
        this.random = Seeds.random(seed, 1);
        Arrays.fill(currentLead, -1);
    }

    static List<Person> build(DemoOptions options) {
        return new Roster(options.seed()).people(Math.max(options.people(), MIN_PEOPLE));
    }

    private List<Person> people(int count) {
        List<Person> people = new ArrayList<>(count);
        people.add(new Person(0, DemoCompany.DEMO_LOGIN, Names.of(Culture.ENGLISH, "Demo", "User"),
                Department.ENGINEERING, Office.BERLIN, Role.STAFF, "Software Engineer", -1, "demo.user"));
        for (int index = 1; index < count; index++) {
            people.add(person(index));
        }
        int engineering = Department.ENGINEERING.ordinal();
        int demoManager = firstLead(people, Department.ENGINEERING);
        people.set(0, people.get(0).withManager(demoManager >= 0 ? demoManager : heads[engineering]));
        return people;
    }

    private Person person(int index) {
        Culture culture;
        PersonName name;
        if (index - 1 < SHOWCASE.size()) {
            Showcase showcase = SHOWCASE.get(index - 1);
            culture = showcase.culture();
            name = Names.of(culture, showcase.given(), showcase.surname());
        } else {
            culture = Names.culture(random);
            name = Names.name(culture, random);
        }
        Department[] departments = Department.values();
        Department department;
        Role role;
        int manager;
        String title;
        if (index <= departments.length) {
            department = departments[index - 1];
            heads[department.ordinal()] = index;
            role = index == 1 ? Role.CEO : Role.HEAD;
            manager = index == 1 ? -1 : 1;
            title = department.headTitle;
        } else {
            department = Department.draw(random);
            int d = department.ordinal();
            if (department == Department.EXECUTIVE) {
                role = Role.STAFF;
                manager = heads[d];
                title = department.jobTitle(random);
            } else if (staffCount[d] % TEAM_SIZE == 0) {
                role = Role.LEAD;
                manager = heads[d];
                currentLead[d] = index;
                title = department.leadTitle;
            } else {
                role = Role.STAFF;
                manager = currentLead[d];
                title = department.jobTitle(random);
            }
            staffCount[d]++;
        }
        Office office = role == Role.CEO || role == Role.HEAD ? leadershipOffice(index) : office(culture);
        String alias = random.nextInt(10) == 0 ? alias(name) : null;
        return new Person(index, login(name), name, department, office, role, title, manager, alias);
    }

    /** Heads are spread over the sites in turn (the CEO in Berlin), so no office is ever empty. */
    private static Office leadershipOffice(int index) {
        Office[] offices = Office.values();
        return offices[(index - 1) % offices.length];
    }

    /** Most people work at their culture's usual site, the rest anywhere. */
    private Office office(Culture culture) {
        Office[] offices = Office.values();
        Office anywhere = offices[random.nextInt(offices.length)];
        return culture.homeOffice != null && random.nextInt(100) < 60 ? culture.homeOffice : anywhere;
    }

    /** First initial plus family name, numbered when taken: "jgarcia", "jgarcia2". */
    private String login(PersonName name) {
        String surname = name.asciiSurname();
        String stem = name.asciiGiven().charAt(0) + surname.substring(0, Math.min(surname.length(), MAX_LOGIN_STEM));
        String login = stem;
        for (int n = 2; !logins.add(login); n++) {
            login = stem + n;
        }
        return login;
    }

    /** "firstname.lastname", or none when that is already someone else's. */
    private String alias(PersonName name) {
        String alias = name.asciiGiven() + "." + name.asciiSurname();
        return aliases.add(alias) ? alias : null;
    }

    private static int firstLead(List<Person> people, Department department) {
        return people.stream()
                .filter(p -> p.department() == department && p.role() == Role.LEAD)
                .mapToInt(Person::index)
                .findFirst()
                .orElse(-1);
    }
}
