package org.galdav.mapping;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.galdav.core.Deadline;
import org.galdav.core.query.Collation;
import org.galdav.core.query.MatchType;

/**
 * The spellings an LDAP search must try so that it finds everything i;unicode-casemap (RFC 5051)
 * considers equal. LDAP's caseIgnore rules fold case (RFC 4518 §2.2), and for almost every character
 * that agrees with titlecase-plus-NFKD; the exceptions are a few letters that titlecase to the same
 * letter as another without folding to it: Turkish dotless ı and i both titlecase to I, final ς and σ
 * both to Σ, and a handful more. For those the search sends every spelling. And because RFC 5051
 * decomposes (NFKD), a contains or starts-with match may end inside an accented letter ("s" matches
 * "Işıl"), so the last letter is also searched in its accented forms.
 *
 * <p>Work is linear in the needle's length, and the spellings are bounded in number and in total length
 * ({@link #MAX_SPELLING_CHARS}); beyond that there are none and the search widens, which is always safe.
 */
final class NeedleVariants {
    /** Letters LDAP folding keeps apart but RFC 5051 treats as one (found by comparing both over Unicode). */
    private static final Map<Integer, int[]> SAME_UNDER_CASEMAP = Map.ofEntries(
            Map.entry((int) 'i', new int[] {'\u0131'}), Map.entry((int) 'I', new int[] {'\u0131'}),
            Map.entry(0x0131, new int[] {'i'}),
            Map.entry(0x03C3, new int[] {0x03C2}), Map.entry(0x03A3, new int[] {0x03C2}), Map.entry(0x03C2, new int[] {0x03C3}),
            Map.entry(0x03B9, new int[] {0x0345}), Map.entry(0x0399, new int[] {0x0345}), Map.entry(0x0345, new int[] {0x03B9}),
            Map.entry(0x0432, new int[] {0x1C80}), Map.entry(0x0434, new int[] {0x1C81}), Map.entry(0x043E, new int[] {0x1C82}),
            Map.entry(0x0441, new int[] {0x1C83}), Map.entry(0x0442, new int[] {0x1C84, 0x1C85}),
            Map.entry(0x044A, new int[] {0x1C86}), Map.entry(0x0463, new int[] {0x1C87}), Map.entry(0xA64B, new int[] {0x1C88}));
    private static final int MAX_VARIANTS = 64;
    /** All spellings of one needle together: what one text-match may add to an LDAP filter, per attribute. */
    static final int MAX_SPELLING_CHARS = 8192;
    private static final int[] NONE = new int[0];
    /** Decomposed prefix (lower case) → characters whose decomposition starts with it and goes on. */
    private static final Map<String, List<String>> EXTENSIONS = extensions();

    private NeedleVariants() {
    }

    /**
     * Every spelling to search for; empty when there would be too many (the search then widens). The
     * composed (NFC) and decomposed (NFD) forms are both searched, because not every directory
     * normalizes before comparing and RFC 5051 treats them as equal.
     */
    static Optional<List<String>> of(String needle, Collation collation, MatchType matchType) {
        Deadline.current().check();
        if (needle.length() > MAX_SPELLING_CHARS) {
            return Optional.empty();
        }
        if (collation != Collation.UNICODE_CASEMAP) {
            return Optional.of(List.of(needle));
        }
        if (!needle.isEmpty() && Character.getType(needle.codePointAt(0)) == Character.NON_SPACING_MARK) {
            return Optional.empty(); // a lone accent matches inside any accented letter
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(needle);
        for (Normalizer.Form form : new Normalizer.Form[] {Normalizer.Form.NFC, Normalizer.Form.NFD, Normalizer.Form.NFKC}) {
            Optional<List<String>> spelled = letters(Normalizer.normalize(needle, form));
            if (spelled.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(spelled.get());
            if (all.size() > MAX_VARIANTS) {
                return Optional.empty();
            }
        }
        if (matchType == MatchType.CONTAINS || matchType == MatchType.STARTS_WITH) {
            // Under NFKD "s" is a prefix of "ş" (s + cedilla) and "기" of "김" (jamo): a match may end inside
            // a longer character.
            for (String spelling : List.copyOf(all)) {
                if (!spelling.equals(Normalizer.normalize(spelling, Normalizer.Form.NFKC))) {
                    continue; // e.g. full-width letters: no precomposed accented forms to meet
                }
                int last = spelling.offsetByCodePoints(spelling.length(), -1);
                String key = Normalizer.normalize(spelling.substring(last), Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
                for (String accented : EXTENSIONS.getOrDefault(key, List.of())) {
                    all.add(spelling.substring(0, last) + accented);
                    if (all.size() > MAX_VARIANTS) {
                        return Optional.empty();
                    }
                }
            }
        }
        long chars = all.stream().mapToLong(String::length).sum();
        return chars > MAX_SPELLING_CHARS ? Optional.empty() : Optional.of(List.copyOf(all));
    }

    /**
     * Every character of the Basic Multilingual Plane whose (lower-case) NFKD form is longer than one
     * of its own prefixes, indexed by that prefix: accented letters, Hangul syllables, voiced kana.
     * Built once, in about a tenth of a second.
     */
    private static Map<String, List<String>> extensions() {
        Map<String, List<String>> map = new HashMap<>();
        for (int cp = 0x00C0; cp <= 0xFFFF; cp++) {
            if (Character.isSurrogate((char) cp) || !Character.isLetter(cp)) {
                continue;
            }
            String letter = String.valueOf((char) cp).toLowerCase(Locale.ROOT);
            String decomposed = Normalizer.normalize(letter, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
            if (decomposed.length() < 2 || decomposed.equals(letter)) {
                continue;
            }
            for (int end = 1; end < decomposed.length(); end++) {
                List<String> list = map.computeIfAbsent(decomposed.substring(0, end), k -> new ArrayList<>());
                if (!list.contains(letter)) {
                    list.add(letter);
                }
            }
        }
        return map;
    }

    /**
     * Every spelling of {@code needle} with the letters of {@link #SAME_UNDER_CASEMAP} swapped, the needle
     * itself first and the last such letter varying fastest. Counted before anything is built, and each
     * spelling built in one pass: time linear in the needle's length, at most {@link #MAX_VARIANTS} spellings.
     */
    private static Optional<List<String>> letters(String needle) {
        int[] codePoints = needle.codePoints().toArray();
        int[] radix = new int[codePoints.length];
        int count = 1;
        int ambiguous = 0;
        for (int i = 0; i < codePoints.length; i++) {
            radix[i] = 1 + SAME_UNDER_CASEMAP.getOrDefault(codePoints[i], NONE).length;
            if (radix[i] > 1) {
                ambiguous++;
                count *= radix[i];
                if (count > MAX_VARIANTS) {
                    return Optional.empty();
                }
            }
        }
        if (ambiguous == 0) {
            return Optional.of(List.of(needle));
        }
        List<String> variants = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int[] choice = new int[codePoints.length];
            int rest = k;
            for (int i = codePoints.length - 1; i >= 0 && rest > 0; i--) {
                choice[i] = rest % radix[i];
                rest /= radix[i];
            }
            StringBuilder spelling = new StringBuilder(needle.length());
            for (int i = 0; i < codePoints.length; i++) {
                spelling.appendCodePoint(choice[i] == 0 ? codePoints[i]
                        : SAME_UNDER_CASEMAP.get(codePoints[i])[choice[i] - 1]);
            }
            variants.add(spelling.toString());
        }
        return Optional.of(variants);
    }
}
