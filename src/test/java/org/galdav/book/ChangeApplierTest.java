package org.galdav.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The change applier against a directory in memory: after each batch of changes, the index must equal a
 * fresh listing of the directory, the cards reported as changed must be exactly those whose ETag moved or
 * that went, and only a few entries may have been read. The scenarios are those ChangeTrackingTest runs
 * end to end against real directories, plus a seeded random walk over all of them.
 */
class ChangeApplierTest {
    private static final String BASE = FakeDirectory.BASE;
    private static final String PEOPLE = "ou=people," + BASE;
    private static final String GROUPS = "ou=groups," + BASE;

    /** A directory, a tracker's view of it, and the changes reported since the last check. */
    private static final class Tracked {
        final FakeDirectory directory = new FakeDirectory();
        final String base;
        FakeDirectory.Source source;
        CardIndex index;
        final Set<String> touched = new HashSet<>();
        final Set<String> reported = new HashSet<>();

        Tracked(String base) {
            this.base = base;
            directory.ou(PEOPLE);
            directory.ou(GROUPS);
        }

        /** The tracker's full listing, as at the start. */
        void list() throws IOException {
            source = directory.new Source(base);
            index = new CardIndex(source.baseDn());
            source.scanTracked(index::put);
        }

        void change(Set<String> dns) {
            touched.addAll(dns);
        }

        /** Applies what changed since the last call and checks the index against a fresh listing. */
        Set<String> applyAndCheck() throws IOException {
            return applyAndCheck(index.relevant(touched));
        }

        /** The same, with the changed DNs in the order a feed reported them. */
        Set<String> applyAndCheck(Set<String> inOrder) throws IOException {
            Map<String, String> before = index.etags();
            source.reads = 0;
            Set<String> changed = new ChangeApplier(source).apply(index, inOrder, reported::addAll);
            touched.clear();
            Map<String, String> now = directory.listing(base);
            assertThat(index.etags()).as("index after applying").isEqualTo(now);
            Set<String> differing = new TreeSet<>();
            before.forEach((name, etag) -> {
                if (!etag.equals(now.get(name))) {
                    differing.add(name);
                }
            });
            now.forEach((name, etag) -> {
                if (!before.containsKey(name)) {
                    differing.add(name);
                }
            });
            assertThat(changed).as("cards reported changed").containsExactlyInAnyOrderElementsOf(differing);
            assertThat(reported).as("cards the caches were told about").containsAll(differing);
            reported.clear();
            return changed;
        }
    }

    /** 200 people (p3 and p4 report to p0 and p1), two groups, as the demo company in small. */
    private static Tracked company(String base) throws IOException {
        Tracked t = new Tracked(base);
        for (int i = 0; i < 200; i++) {
            t.directory.add("uid=p" + i + "," + PEOPLE, "p" + i, "person " + i,
                    i == 3 ? "uid=p0," + PEOPLE : i == 4 ? "uid=p1," + PEOPLE : "uid=nobody," + PEOPLE);
        }
        t.directory.add("cn=g0," + GROUPS, "g0", "group 0", "uid=p0," + PEOPLE, "uid=p2," + PEOPLE);
        t.directory.add("cn=g1," + GROUPS, "g1", "group 1", "uid=p1," + PEOPLE, "uid=p5," + PEOPLE);
        t.list();
        return t;
    }

    @Test
    void addsModificationsDeletionsRenamesMovesAndMembershipChangesInOneBatch() throws IOException {
        Tracked t = company(BASE);
        FakeDirectory d = t.directory;
        t.change(d.modify("uid=p6," + PEOPLE, "person 6, promoted"));
        t.change(d.delete("uid=p0," + PEOPLE)); // a manager and a member: p3 and g0 change with it
        t.change(d.add("uid=new," + PEOPLE, "new", "newcomer"));
        t.change(d.move("uid=p7," + PEOPLE, "uid=p7-renamed," + PEOPLE));
        t.change(d.ou("ou=alumni," + BASE));
        t.change(d.move("uid=p1," + PEOPLE, "uid=p1,ou=alumni," + BASE)); // p4's manager and g1's member moves
        t.change(d.addRef("cn=g1," + GROUPS, "uid=p8," + PEOPLE));
        Set<String> changed = t.applyAndCheck();
        assertThat(changed).contains("p6", "p0", "new", "p3", "g0", "p4", "g1");
        assertThat(t.index.nameAt(FakeDirectory.dn("uid=p1,ou=alumni," + BASE))).contains("p1");
        assertThat(t.source.reads).as("entries read of 202").isLessThan(25);
    }

    @Test
    void deletingAReferencedEntryReRendersItsReferrersOnly() throws IOException {
        Tracked t = company(BASE);
        t.change(t.directory.delete("uid=p2," + PEOPLE));
        assertThat(t.applyAndCheck()).containsExactlyInAnyOrder("p2", "g0");
    }

    /** Feeds report an OU's old and new DN in either order; the group naming the old DNs must notice both ways. */
    @ParameterizedTest(name = "new DN first: {0}")
    @ValueSource(booleans = {true, false})
    void anOuRenamedAsOneChangeTakesItsCardsAlongAndTheirReferrersNotice(boolean newFirst) throws IOException {
        Tracked t = company(BASE);
        String team = "ou=team," + PEOPLE;
        t.directory.ou(team);
        for (String uid : List.of("ana", "ben", "cy")) {
            t.directory.add("uid=" + uid + "," + team, uid, uid);
        }
        t.directory.add("cn=teamgroup," + GROUPS, "teamgroup", "team", "uid=ana," + team, "uid=ben," + team);
        t.list();

        String squad = "ou=squad," + PEOPLE;
        t.directory.move(team, squad);
        List<String> order = new ArrayList<>(List.of(FakeDirectory.dn(squad), FakeDirectory.dn(team)));
        if (!newFirst) {
            java.util.Collections.reverse(order);
        }
        // The group still names the old DNs: its members are gone (no referential integrity here).
        assertThat(t.applyAndCheck(new LinkedHashSet<>(order))).containsExactly("teamgroup");
        assertThat(t.index.cardDnsBelow(FakeDirectory.dn(squad))).hasSize(3);

        t.change(t.directory.delete("uid=ana," + squad));
        t.change(t.directory.modify("uid=ben," + squad, "ben, lead"));
        assertThat(t.applyAndCheck()).containsExactlyInAnyOrder("ana", "ben");
    }

    @Test
    void whatWasAppliedBeforeAFailureIsStillReportedToTheCaches() throws IOException {
        Tracked t = company(BASE);
        String first = FakeDirectory.dn("uid=p5," + PEOPLE);
        String second = FakeDirectory.dn("uid=p6," + PEOPLE);
        t.directory.modify(first, "changed before the failure");
        t.directory.modify(second, "not reached");
        TrackedSource failingOnSecond = new TrackedSource() {
            @Override
            public String baseDn() {
                return t.source.baseDn();
            }

            @Override
            public void scanTracked(org.galdav.core.CardSink<TrackedCard> sink) throws IOException {
                t.source.scanTracked(sink);
            }

            @Override
            public java.util.Optional<TrackedCard> readAt(String dn) {
                if (dn.equals(second)) {
                    throw new org.galdav.core.SourceUnavailableException("directory down", null);
                }
                return t.source.readAt(dn);
            }

            @Override
            public void readBelow(String dn, org.galdav.core.CardSink<TrackedCard> sink) throws IOException {
                t.source.readBelow(dn, sink);
            }

            @Override
            public Map<String, TrackedCard> findTracked(java.util.Collection<String> names) {
                return t.source.findTracked(names);
            }

            @Override
            public void forget(java.util.Collection<String> dns) {
                t.source.forget(dns);
            }
        };
        Set<String> reported = new HashSet<>();
        assertThatThrownBy(() -> new ChangeApplier(failingOnSecond).apply(t.index,
                new LinkedHashSet<>(List.of(first, second)), reported::addAll))
                .isInstanceOf(org.galdav.core.SourceUnavailableException.class);
        assertThat(reported).containsExactly("p5");
    }

    @Test
    void anOuMovedIntoTheBookAndOutAgainAddsAndRemovesItsCards() throws IOException {
        Tracked t = new Tracked(PEOPLE);
        FakeDirectory d = t.directory;
        d.add("uid=in," + PEOPLE, "in", "inside");
        String outside = "ou=outside," + BASE;
        d.ou(outside);
        d.add("uid=dee," + outside, "dee", "dee");
        d.add("uid=eve," + outside, "eve", "eve");
        t.list();
        assertThat(t.index.size()).isEqualTo(1);

        String moved = "ou=outside," + PEOPLE;
        t.change(d.move(outside, moved));
        assertThat(t.applyAndCheck()).containsExactlyInAnyOrder("dee", "eve");

        t.change(d.delete("uid=dee," + moved));
        t.change(d.move(moved, outside));
        assertThat(t.applyAndCheck()).containsExactlyInAnyOrder("dee", "eve");
        assertThat(t.index.size()).isEqualTo(1);
    }

    @Test
    void aCardReplacedAtTheSameDnIsTheNewCardAndTheOldOneGoes() throws IOException {
        Tracked t = company(BASE);
        t.change(t.directory.delete("uid=p5," + PEOPLE));
        t.change(t.directory.add("uid=p5," + PEOPLE, "p5-again", "person 5, new entry"));
        assertThat(t.applyAndCheck()).containsExactlyInAnyOrder("p5", "p5-again", "g1");
    }

    @Test
    void changesOutsideTheBookAreNotRead() throws IOException {
        Tracked t = company(PEOPLE);
        t.change(t.directory.modify("cn=g0," + GROUPS, "group 0, renamed"));
        assertThat(t.applyAndCheck()).isEmpty();
        assertThat(t.source.reads).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomBatchesOfEveryKindOfChangeKeepTheIndexExact(long seed) throws IOException {
        Random random = new Random(seed);
        Tracked t = company(BASE);
        int serial = 0;
        for (int batch = 0; batch < 12; batch++) {
            int changes = 1 + random.nextInt(5);
            for (int c = 0; c < changes; c++) {
                List<String> entries = t.directory.entryDns();
                List<String> ous = new ArrayList<>(t.directory.ouDns());
                ous.remove(FakeDirectory.dn(BASE));
                String some = entries.isEmpty() ? null : entries.get(random.nextInt(entries.size()));
                String anOu = ous.get(random.nextInt(ous.size()));
                serial++;
                switch (random.nextInt(8)) {
                    case 0 -> t.change(t.directory.add("uid=r" + serial + "," + anOu, "r" + serial, "r",
                            some == null ? anOu : some));
                    case 1 -> { if (some != null) { t.change(t.directory.modify(some, "m" + serial)); } }
                    case 2 -> { if (some != null) { t.change(t.directory.delete(some)); } }
                    case 3 -> { if (some != null) { t.change(t.directory.move(some, "uid=x" + serial + "," + anOu)); } }
                    case 4 -> { if (some != null) { t.change(t.directory.addRef(some, entries.get(random.nextInt(entries.size())))); } }
                    case 5 -> t.change(t.directory.ou("ou=o" + serial + "," + anOu));
                    case 6 -> {
                        if (!anOu.equals(FakeDirectory.dn(PEOPLE)) && !anOu.equals(FakeDirectory.dn(GROUPS))) {
                            String target = ous.get(random.nextInt(ous.size()));
                            if (!target.equals(anOu) && !target.endsWith("," + anOu)) {
                                t.change(t.directory.move(anOu, "ou=m" + serial + "," + target));
                            }
                        }
                    }
                    default -> { }
                }
            }
            t.applyAndCheck();
        }
    }
}
