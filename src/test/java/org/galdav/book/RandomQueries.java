package org.galdav.book;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.galdav.core.CardProperty;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.Collation;
import org.galdav.core.query.Combination;
import org.galdav.core.query.MatchType;
import org.galdav.core.query.ParamFilter;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.TextMatch;

/** Seeded random addressbook-query filters, with needles drawn from the cards and from a nasty pool. */
final class RandomQueries {
    private static final String[] PROPERTIES = {"FN", "FN", "FN", "EMAIL", "EMAIL", "TEL", "N", "ORG", "TITLE",
            "NICKNAME", "NOTE", "UID", "CATEGORIES", "ADR", "KIND", "X-UNKNOWN", "item1.EMAIL", "X-ADDRESSBOOKSERVER-KIND",
            "X-ROOM", "X-BUILDING"};
    private static final String[] NASTY = {"ann", "ANN", "ı", "i", "I", "σ", "ς", "Σ", "*", "(", ")", "\\", "müll",
            "MUELL", "山", "ß", "ss", "ﬁ", "fi", "+49", "30 1", "example.com", ";", ",", "Yıl", "yil", "ΣΟΦ", "group",
            "é", "e\u0301", "smith*", "a*b", "x".repeat(300), "기", "가", "か", "ｶ", "ａｎｎａ", "；", "r", "R", "oom",
            ", ", "，", " "};
    private static final String[] TYPES = {"work", "cell", "home", "voice", "fax", "internet", "WORK"};

    private final Random random;
    private final List<List<CardProperty>> cards;

    RandomQueries(long seed, List<List<CardProperty>> cards) {
        this.random = new Random(seed);
        this.cards = cards;
    }

    CardFilter next() {
        int count = random.nextInt(4);
        List<PropFilter> filters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            filters.add(propFilter());
        }
        return new CardFilter(random.nextBoolean() ? Combination.ANY_OF : Combination.ALL_OF, filters);
    }

    private PropFilter propFilter() {
        String name = RandomDirectory.pick(random, PROPERTIES);
        int shape = random.nextInt(10);
        Combination test = random.nextBoolean() ? Combination.ANY_OF : Combination.ALL_OF;
        if (shape == 0) {
            return PropFilter.of(name, true, test, List.of(), List.of());
        }
        if (shape == 1) {
            return PropFilter.of(name, false, test, List.of(), List.of());
        }
        List<TextMatch> matches = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            matches.add(textMatch(needle(name)));
        }
        List<ParamFilter> params = new ArrayList<>();
        if (random.nextInt(10) < 3) {
            params.add(paramFilter());
        }
        return PropFilter.of(name, false, test, matches, params);
    }

    private ParamFilter paramFilter() {
        int shape = random.nextInt(4);
        if (shape == 0) {
            return new ParamFilter("TYPE", true, Optional.empty());
        }
        if (shape == 1) {
            return new ParamFilter(random.nextBoolean() ? "TYPE" : "PREF", false, Optional.empty());
        }
        return new ParamFilter("TYPE", false, Optional.of(textMatch(RandomDirectory.pick(random, TYPES))));
    }

    private TextMatch textMatch(String text) {
        Collation collation = switch (random.nextInt(5)) {
            case 0 -> Collation.OCTET;
            case 1 -> Collation.ASCII_CASEMAP;
            default -> Collation.UNICODE_CASEMAP;
        };
        MatchType type = MatchType.values()[random.nextInt(MatchType.values().length)];
        return new TextMatch(text, collation, type, random.nextInt(5) == 0);
    }

    /** Mostly a piece of a real value of that property (so queries hit), sometimes from the nasty pool. */
    private String needle(String property) {
        String bare = property.contains(".") ? property.substring(property.indexOf('.') + 1) : property;
        if (random.nextInt(10) < 6 && !cards.isEmpty()) {
            List<CardProperty> card = cards.get(random.nextInt(cards.size()));
            List<CardProperty> same = card.stream().filter(p -> p.name().equals(bare)).toList();
            List<CardProperty> pool = same.isEmpty() ? card : same;
            String value = pool.get(random.nextInt(pool.size())).value();
            if (value.isEmpty()) {
                return "a";
            }
            if (random.nextInt(4) == 0) {
                return flipCase(value);
            }
            int[] cps = value.codePoints().toArray();
            int start = random.nextInt(cps.length);
            int end = Math.min(cps.length, start + 1 + random.nextInt(6));
            return flipCase(new String(cps, start, end - start));
        }
        return RandomDirectory.pick(random, NASTY);
    }

    private String flipCase(String s) {
        return switch (random.nextInt(3)) {
            case 0 -> s.toUpperCase(Locale.ROOT);
            case 1 -> s.toLowerCase(Locale.ROOT);
            default -> s;
        };
    }
}
