package org.galdav.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.CardProperty;
import org.junit.jupiter.api.Test;

/** RFC 6352 §10.5 semantics on hand-made cards. */
class CardMatcherTest {
    private static final List<CardProperty> JOSE = List.of(
            prop("FN", Map.of(), "José Müller"),
            prop("EMAIL", Map.of("TYPE", List.of("work")), "jose@example.com"),
            prop("EMAIL", Map.of("TYPE", List.of("home")), "jm@home.example"),
            prop("TEL", Map.of("TYPE", List.of("cell")), "+49 170 1234"),
            new CardProperty(Optional.of("item1"), "X-ABLABEL", Map.of(), "Assistant"));

    @Test
    void emptyFilterMatchesEverything() {
        assertThat(CardMatcher.matches(CardFilter.ALL, JOSE)).isTrue();
    }

    @Test
    void unicodeCasemapFoldsCaseAndCompatibilityForms() {
        assertThat(match("FN", text("josé", Collation.UNICODE_CASEMAP, MatchType.CONTAINS))).isTrue();
        assertThat(match("FN", text("JOSE\u0301", Collation.UNICODE_CASEMAP, MatchType.STARTS_WITH))).isTrue();
        assertThat(match("FN", text("MÜLLER", Collation.UNICODE_CASEMAP, MatchType.ENDS_WITH))).isTrue();
        assertThat(match("FN", text("MÜLLER", Collation.ASCII_CASEMAP, MatchType.ENDS_WITH))).as("Ü is not ASCII").isFalse();
        assertThat(match("FN", text("josé müller", Collation.OCTET, MatchType.EQUALS))).isFalse();
        assertThat(match("FN", text("José Müller", Collation.OCTET, MatchType.EQUALS))).isTrue();
    }

    @Test
    void negationMatchesWhenSomeInstanceDoesNotMatchButNeverWhenThePropertyIsMissing() {
        TextMatch notWork = new TextMatch("example.com", Collation.UNICODE_CASEMAP, MatchType.ENDS_WITH, true);
        assertThat(match("EMAIL", notWork)).isTrue();
        assertThat(match("NICKNAME", notWork)).isFalse();
    }

    @Test
    void paramFilters() {
        ParamFilter cell = new ParamFilter("TYPE", false,
                Optional.of(new TextMatch("cell", Collation.ASCII_CASEMAP, MatchType.EQUALS, false)));
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("TEL", false, Combination.ANY_OF, List.of(), List.of(cell))), JOSE)).isTrue();
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("EMAIL", false, Combination.ANY_OF, List.of(), List.of(cell))), JOSE)).isFalse();
        ParamFilter noPref = new ParamFilter("PREF", true, Optional.empty());
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("EMAIL", false, Combination.ANY_OF, List.of(), List.of(noPref))), JOSE)).isTrue();
    }

    @Test
    void allofNeedsTheSameInstanceToSatisfyEveryChild() {
        TextMatch home = new TextMatch("home", Collation.UNICODE_CASEMAP, MatchType.CONTAINS, false);
        ParamFilter work = new ParamFilter("TYPE", false,
                Optional.of(new TextMatch("work", Collation.ASCII_CASEMAP, MatchType.EQUALS, false)));
        PropFilter both = PropFilter.of("EMAIL", false, Combination.ALL_OF, List.of(home), List.of(work));
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, both), JOSE)).isFalse();
        PropFilter either = PropFilter.of("EMAIL", false, Combination.ANY_OF, List.of(home), List.of(work));
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, either), JOSE)).isTrue();
    }

    @Test
    void isNotDefinedAndGroups() {
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("NICKNAME", true, Combination.ANY_OF, List.of(), List.of())), JOSE)).isTrue();
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("FN", true, Combination.ANY_OF, List.of(), List.of())), JOSE)).isFalse();
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("X-ABLABEL", false, Combination.ANY_OF, List.of(), List.of())), JOSE)).isTrue();
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("item1.X-ABLABEL", false, Combination.ANY_OF, List.of(), List.of())), JOSE)).isTrue();
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of("item2.X-ABLABEL", false, Combination.ANY_OF, List.of(), List.of())), JOSE)).isFalse();
    }

    @Test
    void filterTestCombinesPropFilters() {
        PropFilter fn = PropFilter.of("FN", false, Combination.ANY_OF, List.of(), List.of());
        PropFilter nick = PropFilter.of("NICKNAME", false, Combination.ANY_OF, List.of(), List.of());
        assertThat(CardMatcher.matches(filter(Combination.ANY_OF, fn, nick), JOSE)).isTrue();
        assertThat(CardMatcher.matches(filter(Combination.ALL_OF, fn, nick), JOSE)).isFalse();
    }

    private static boolean match(String property, TextMatch textMatch) {
        return CardMatcher.matches(filter(Combination.ANY_OF, PropFilter.of(property, false, Combination.ANY_OF, List.of(textMatch), List.of())), JOSE);
    }

    private static TextMatch text(String text, Collation collation, MatchType type) {
        return new TextMatch(text, collation, type, false);
    }

    private static CardFilter filter(Combination test, PropFilter... filters) {
        return new CardFilter(test, List.of(filters));
    }

    private static CardProperty prop(String name, Map<String, List<String>> params, String value) {
        return new CardProperty(Optional.empty(), name, params, value);
    }
}
