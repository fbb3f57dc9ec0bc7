package org.galdav.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Draws realistic names from the {@link Culture} pools, weighted so that most staff have European names. */
final class Names {

    private static final Culture[] CULTURES = Culture.values();
    private static final int TOTAL_WEIGHT = Arrays.stream(CULTURES).mapToInt(c -> c.weight).sum();

    private Names() {
    }

    /** A culture, drawn by weight. */
    static Culture culture(Random random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Culture culture : CULTURES) {
            ticket -= culture.weight;
            if (ticket < 0) {
                return culture;
            }
        }
        throw new AssertionError("weights");
    }

    /** A name of the given culture; given and family name agree in gender where the language inflects them. */
    static PersonName name(Culture culture, Random random) {
        boolean female = random.nextBoolean();
        String given = pick(female ? culture.femaleGiven : culture.maleGiven, random);
        String surname = pick(female ? culture.femaleSurnames : culture.maleSurnames, random);
        return of(culture, given, surname);
    }

    /** Builds a name from pool entries of the form {@code "native"} or {@code "native|romanised"}. */
    static PersonName of(Culture culture, String given, String surname) {
        String givenNative = script(given);
        String surnameNative = script(surname);
        String common = culture.familyFirst ? surnameNative + " " + givenNative : givenNative + " " + surnameNative;
        return new PersonName(givenNative, surnameNative, common, Ascii.letters(roman(given)),
                Ascii.letters(roman(surname)));
    }

    private static String pick(List<String> pool, Random random) {
        return pool.get(random.nextInt(pool.size()));
    }

    private static String script(String entry) {
        int bar = entry.indexOf('|');
        return bar < 0 ? entry : entry.substring(0, bar);
    }

    private static String roman(String entry) {
        int bar = entry.indexOf('|');
        return bar < 0 ? entry : entry.substring(bar + 1);
    }
}
