package org.galdav.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.galdav.core.CardSummary;
import org.junit.jupiter.api.Test;

/** The card index on its own: reverse lookups kept right through puts, moves and removals, and its rules. */
class CardIndexTest {
    private static final String BASE = "dc=example,dc=com";

    private static TrackedCard card(String name, String etag, String dn, String... dependsOn) {
        return new TrackedCard(new FakeDirectory.FakeCard(new CardSummary(name, "\"" + etag + "\"",
                Optional.empty())), dn, Set.of(dependsOn));
    }

    @Test
    void putTellsWhetherACardIsNewOrChangedAndKeepsTheDnLookupCurrent() {
        CardIndex index = new CardIndex(BASE);
        assertThat(index.put(card("a", "1", "uid=a,ou=people," + BASE))).as("new").isTrue();
        assertThat(index.put(card("a", "1", "uid=a,ou=people," + BASE))).as("same ETag").isFalse();
        assertThat(index.put(card("a", "2", "uid=a,ou=people," + BASE))).as("other ETag").isTrue();
        assertThat(index.nameAt("uid=a,ou=people," + BASE)).contains("a");

        // Renamed: same card, new DN; the old DN no longer names it.
        assertThat(index.put(card("a", "2", "uid=a2,ou=people," + BASE))).isFalse();
        assertThat(index.nameAt("uid=a,ou=people," + BASE)).isEmpty();
        assertThat(index.nameAt("uid=a2,ou=people," + BASE)).contains("a");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void referrersFollowWhatEachCardWasResolvedFromAndForgetRemovedCards() {
        CardIndex index = new CardIndex(BASE);
        String boss = "uid=boss,ou=people," + BASE;
        index.put(card("boss", "1", boss));
        index.put(card("report", "1", "uid=report,ou=people," + BASE, boss));
        index.put(card("team", "1", "cn=team,ou=groups," + BASE, boss, "uid=report,ou=people," + BASE));
        assertThat(index.referrersOf(boss)).containsExactlyInAnyOrder("report", "team");

        // The report's manager changed: it no longer refers to the boss.
        index.put(card("report", "2", "uid=report,ou=people," + BASE));
        assertThat(index.referrersOf(boss)).containsExactly("team");

        // The referenced entry is deleted: its card goes, the referrers still name its DN.
        assertThat(index.remove("boss")).isPresent();
        assertThat(index.nameAt(boss)).isEmpty();
        assertThat(index.referrersOf(boss)).containsExactly("team");
        index.remove("team");
        assertThat(index.referrersOf(boss)).isEmpty();
        assertThat(index.remove("nobody")).isEmpty();
    }

    @Test
    void cardsBelowAnOuAreFoundThroughRenamesAndMovesButNotBelowCardsOrTheBase() {
        CardIndex index = new CardIndex(BASE);
        String team = "ou=team,ou=people," + BASE;
        index.put(card("a", "1", "uid=a," + team));
        index.put(card("b", "1", "uid=b," + team));
        index.put(card("c", "1", "uid=c,ou=people," + BASE));
        assertThat(index.cardDnsBelow(team)).containsExactlyInAnyOrder("uid=a," + team, "uid=b," + team);
        assertThat(index.cardDnsBelow("ou=people," + BASE)).hasSize(3);
        assertThat(index.cardDnsBelow("uid=c,ou=people," + BASE)).as("a card's own DN").isEmpty();
        assertThat(index.cardDnsBelow(BASE)).as("the base itself is no OU of the book").isEmpty();

        // The OU was renamed: its cards are now below the new DN, and nothing is left below the old one.
        String squad = "ou=squad,ou=people," + BASE;
        index.put(card("a", "1", "uid=a," + squad));
        index.put(card("b", "1", "uid=b," + squad));
        assertThat(index.cardDnsBelow(team)).isEmpty();
        assertThat(index.cardDnsBelow(squad)).hasSize(2);

        // Moved out of the book: removed cards no longer count below any OU.
        index.remove("a");
        index.remove("b");
        assertThat(index.cardDnsBelow(squad)).isEmpty();
        assertThat(index.cardDnsBelow("ou=people," + BASE)).containsExactly("uid=c,ou=people," + BASE);
    }

    @Test
    void onlyCardDnsAndDnsBelowTheBaseAreRelevant() {
        CardIndex index = new CardIndex("ou=people," + BASE);
        index.put(card("a", "1", "uid=a,ou=people," + BASE));
        assertThat(index.relevant(Set.of("uid=a,ou=people," + BASE, "uid=new,ou=people," + BASE,
                "ou=people," + BASE, "uid=x,ou=others," + BASE, BASE, "cn=changelog")))
                .containsExactlyInAnyOrder("uid=a,ou=people," + BASE, "uid=new,ou=people," + BASE);
    }

    @Test
    void moreChangesThanAQuarterOfTheBookAndAtLeastTheFloorMeanOneListing() {
        CardIndex small = new CardIndex(BASE);
        for (int i = 0; i < 100; i++) {
            small.put(card("s" + i, "1", "uid=s" + i + "," + BASE));
        }
        assertThat(small.cheaperToRelist(CardIndex.RELIST_AT_LEAST)).isFalse();
        assertThat(small.cheaperToRelist(CardIndex.RELIST_AT_LEAST + 1)).isTrue();

        CardIndex large = new CardIndex(BASE);
        for (int i = 0; i < 12_000; i++) {
            large.put(card("l" + i, "1", "uid=l" + i + "," + BASE));
        }
        assertThat(large.cheaperToRelist(3_000)).isFalse();
        assertThat(large.cheaperToRelist(3_001)).isTrue();
    }

    @Test
    void differencesFromAnEarlierIndexNameAddedChangedAndRemovedCards() {
        CardIndex before = new CardIndex(BASE);
        before.put(card("same", "1", "uid=same," + BASE));
        before.put(card("changed", "1", "uid=changed," + BASE));
        before.put(card("gone", "1", "uid=gone," + BASE));
        CardIndex after = new CardIndex(BASE);
        after.put(card("same", "1", "uid=same," + BASE));
        after.put(card("changed", "2", "uid=changed," + BASE));
        after.put(card("new", "1", "uid=new," + BASE));
        assertThat(after.differingFrom(before)).containsExactlyInAnyOrder("changed", "gone", "new");
        assertThat(after.summaries()).extracting(CardSummary::name).containsExactly("changed", "new", "same");
        assertThat(after.etags()).containsExactly(Map.entry("changed", "\"2\""), Map.entry("new", "\"1\""),
                Map.entry("same", "\"1\""));
    }
}
