package org.galdav.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.EntryValidator;
import com.unboundid.ldap.sdk.schema.Schema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated company is deterministic, large, international and schema-valid. */
class DemoCompanyTest {

    private static List<Entry> entries;
    private static List<Entry> people;

    @BeforeAll
    static void generate() {
        entries = DemoCompany.entries(DemoOptions.defaults());
        people = entries.stream().filter(e -> e.hasObjectClass("inetOrgPerson")).toList();
    }

    @Test
    void sameOptionsGiveByteIdenticalEntries() {
        List<Entry> again = DemoCompany.entries(DemoOptions.defaults());
        assertThat(ldif(again)).isEqualTo(ldif(entries));
    }

    @Test
    void anotherSeedGivesAnotherCompany() {
        List<Entry> other = DemoCompany.entries(new DemoOptions(1200, 43, 0));
        assertThat(ldif(other)).isNotEqualTo(ldif(entries));
    }

    @Test
    void hasAtLeastTheRequestedPeopleAndTwentyGroups() {
        assertThat(people).hasSizeGreaterThanOrEqualTo(1200);
        assertThat(entries.stream().filter(e -> e.hasObjectClass("groupOfNames"))).hasSizeGreaterThanOrEqualTo(20);
        assertThat(entries.stream().filter(e -> e.hasObjectClass("groupOfUniqueNames"))).hasSize(2);
        assertThat(entries.get(0).getDN()).isEqualTo(DemoCompany.BASE_DN);
        assertThat(entries).extracting(Entry::getDN).contains(DemoCompany.SERVICE_DN);
    }

    @Test
    void parentsComeBeforeChildren() throws Exception {
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            String parent = entry.getParentDNString();
            if (!entry.getDN().equals(DemoCompany.BASE_DN)) {
                assertThat(seen).as("parent of %s", entry.getDN()).contains(parent);
            }
            seen.add(entry.getDN());
        }
    }

    @Test
    void namesCoverManyScripts() {
        Set<UnicodeScript> scripts = people.stream()
                .map(p -> p.getAttributeValue("cn"))
                .flatMap(cn -> cn.codePoints().mapToObj(UnicodeScript::of))
                .collect(Collectors.toSet());
        assertThat(scripts).contains(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.ARABIC,
                UnicodeScript.CYRILLIC, UnicodeScript.GREEK);
        assertThat(people).extracting(p -> p.getAttributeValue("cn"))
                .contains("José García", "Zoë Campbell", "Łukasz Wiśniewski", "Søren Ørsted", "山田 太郎", "王 芳",
                        "محمد حداد", "Иван Петров");
        long accented = people.stream().map(p -> p.getAttributeValue("cn"))
                .filter(cn -> cn.codePoints().anyMatch(c -> c > 127 && UnicodeScript.of(c) == UnicodeScript.LATIN))
                .count();
        assertThat(accented).isGreaterThan(100);
    }

    @Test
    void uidsAreUniqueAsciiAndMatchTheDn() {
        List<String> uids = people.stream().map(p -> p.getAttributeValue("uid")).toList();
        assertThat(uids).doesNotHaveDuplicates().allMatch(uid -> uid.matches("[a-z][a-z0-9]*"));
        for (Entry person : people) {
            assertThat(person.getDN()).isEqualTo("uid=" + person.getAttributeValue("uid") + "," + DemoCompany.PEOPLE_DN);
        }
        List<String> mails = people.stream().flatMap(p -> List.of(p.getAttributeValues("mail")).stream()).toList();
        assertThat(mails).doesNotHaveDuplicates().allMatch(m -> m.matches("[a-z0-9.]+@demo\\.galdav\\.org"));
    }

    @Test
    void everyEntryHasFixedUniqueOperationalAttributes() {
        List<String> uuids = new ArrayList<>();
        for (Entry entry : entries) {
            assertThat(entry.getAttributeValue("entryUUID")).as(entry.getDN()).isNotNull();
            String created = entry.getAttributeValue("createTimestamp");
            String modified = entry.getAttributeValue("modifyTimestamp");
            assertThat(created).matches("2025\\d{10}Z");
            assertThat(modified).matches("20\\d{12}Z");
            assertThat(modified.compareTo(created)).isGreaterThanOrEqualTo(0);
            uuids.add(entry.getAttributeValue("entryUUID"));
        }
        assertThat(uuids).doesNotHaveDuplicates();
    }

    @Test
    void everyEntryConformsToTheStandardSchema() throws Exception {
        EntryValidator validator = new EntryValidator(Schema.getDefaultStandardSchema());
        for (Entry entry : entries) {
            List<String> problems = new ArrayList<>();
            assertThat(validator.entryIsValid(entry, problems)).as("%s: %s", entry.getDN(), problems).isTrue();
        }
    }

    @Test
    void aboutOneInTwentyHasADecodablePhoto() throws Exception {
        List<Entry> withPhoto = people.stream().filter(p -> p.hasAttribute("jpegPhoto")).toList();
        assertThat(withPhoto.size()).isBetween(people.size() / 50, people.size() / 10);
        for (Entry person : withPhoto) {
            byte[] jpeg = person.getAttributeValueBytes("jpegPhoto");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image).as(person.getDN()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(96);
            assertThat(image.getHeight()).isEqualTo(96);
        }
    }

    @Test
    void theDemoUserIsAFullyDescribedEmployee() {
        Entry demo = people.get(0);
        assertThat(demo.getDN()).isEqualTo("uid=demo," + DemoCompany.PEOPLE_DN);
        assertThat(demo.getAttributeValue("userPassword")).isEqualTo(DemoCompany.DEMO_PASSWORD);
        for (String attribute : List.of("cn", "sn", "givenName", "displayName", "mail", "telephoneNumber", "mobile",
                "facsimileTelephoneNumber", "title", "ou", "o", "departmentNumber", "employeeNumber", "street", "l",
                "st", "postalCode", "postalAddress", "manager", "description", "labeledURI", "jpegPhoto")) {
            assertThat(demo.hasAttribute(attribute)).as(attribute).isTrue();
        }
        assertThat(demo.getAttributeValues("mail")).hasSize(2);
    }

    @Test
    void everyoneElseHasTheirUidAsPassword() {
        assertThat(people.subList(1, people.size()))
                .allMatch(p -> p.getAttributeValue("userPassword").equals(p.getAttributeValue("uid")));
    }

    @Test
    void reportingLinesEndAtTheCeo() {
        Map<String, Entry> byDn = people.stream().collect(Collectors.toMap(Entry::getDN, Function.identity()));
        List<Entry> withoutManager = people.stream().filter(p -> !p.hasAttribute("manager")).toList();
        assertThat(withoutManager).hasSize(1);
        String ceo = withoutManager.get(0).getDN();
        assertThat(withoutManager.get(0).getAttributeValue("title")).isEqualTo("Chief Executive Officer");
        for (Entry person : people) {
            Entry current = person;
            for (int steps = 0; current.hasAttribute("manager"); steps++) {
                assertThat(steps).as("chain from %s", person.getDN()).isLessThan(5);
                current = byDn.get(current.getAttributeValue("manager"));
                assertThat(current).isNotNull();
            }
            assertThat(current.getDN()).isEqualTo(ceo);
        }
    }

    @Test
    void groupMembersExist() {
        Set<String> dns = people.stream().map(Entry::getDN).collect(Collectors.toSet());
        for (Entry group : entries) {
            String[] members = group.hasObjectClass("groupOfNames") ? group.getAttributeValues("member")
                    : group.hasObjectClass("groupOfUniqueNames") ? group.getAttributeValues("uniqueMember") : null;
            if (members != null) {
                assertThat(members).as(group.getDN()).isNotEmpty();
                assertThat(dns).as(group.getDN()).contains(members);
            }
        }
        Entry allStaff = entries.stream().filter(e -> e.getDN().startsWith("cn=All Staff,")).findFirst().orElseThrow();
        assertThat(allStaff.getAttributeValues("member")).hasSize(people.size());
    }

    @Test
    void tinyCompaniesStillFillEveryGroup() {
        List<Entry> small = DemoCompany.entries(new DemoOptions(1, 5, 0));
        assertThat(small.stream().filter(e -> e.hasObjectClass("inetOrgPerson"))).hasSizeGreaterThanOrEqualTo(40);
        assertThat(small.stream().filter(e -> e.hasObjectClass("groupOfNames")))
                .allMatch(g -> g.getAttributeValues("member") != null && g.getAttributeValues("member").length > 0);
    }

    @Test
    void optionsAreValidated() {
        assertThat(DemoOptions.defaults()).isEqualTo(new DemoOptions(1200, 42, 0));
        assertThatThrownBy(() -> new DemoOptions(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoOptions(10, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String ldif(List<Entry> list) {
        StringBuilder out = new StringBuilder();
        list.forEach(e -> out.append(e.toLDIFString()).append('\n'));
        return out.toString();
    }
}
