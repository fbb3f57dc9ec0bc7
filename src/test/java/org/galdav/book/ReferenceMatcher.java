package org.galdav.book;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.galdav.core.CardProperty;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.Collation;
import org.galdav.core.query.Combination;
import org.galdav.core.query.ParamFilter;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.TextMatch;

/**
 * A second, deliberately plain reading of RFC 6352 §10.5, written apart from the production matcher so
 * the differential test compares two implementations rather than one with itself.
 */
final class ReferenceMatcher {
    private ReferenceMatcher() {
    }

    static boolean matches(CardFilter filter, List<CardProperty> card) {
        if (filter.propFilters().isEmpty()) {
            return true;
        }
        List<Boolean> results = new ArrayList<>();
        for (PropFilter propFilter : filter.propFilters()) {
            results.add(propFilter(propFilter, card));
        }
        return filter.test() == Combination.ALL_OF ? !results.contains(false) : results.contains(true);
    }

    private static boolean propFilter(PropFilter filter, List<CardProperty> card) {
        List<CardProperty> instances = new ArrayList<>();
        for (CardProperty property : card) {
            boolean sameName = property.name().equalsIgnoreCase(filter.name());
            boolean sameGroup = filter.group().isEmpty() || (property.group().isPresent()
                    && property.group().get().equalsIgnoreCase(filter.group().get()));
            if (sameName && sameGroup) {
                instances.add(property);
            }
        }
        if (filter.isNotDefined()) {
            return instances.isEmpty();
        }
        if (filter.textMatches().isEmpty() && filter.paramFilters().isEmpty()) {
            return !instances.isEmpty();
        }
        for (CardProperty instance : instances) {
            List<Boolean> results = new ArrayList<>();
            for (TextMatch textMatch : filter.textMatches()) {
                results.add(text(textMatch, instance.value()));
            }
            for (ParamFilter paramFilter : filter.paramFilters()) {
                results.add(param(paramFilter, instance));
            }
            boolean ok = filter.test() == Combination.ALL_OF ? !results.contains(false) : results.contains(true);
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean param(ParamFilter filter, CardProperty instance) {
        List<String> values = instance.parameter(filter.name());
        if (filter.isNotDefined()) {
            return values.isEmpty();
        }
        if (filter.textMatch().isEmpty()) {
            return !values.isEmpty();
        }
        for (String value : values) {
            if (text(filter.textMatch().get(), value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean text(TextMatch match, String value) {
        String a = fold(value, match.collation());
        String b = fold(match.text(), match.collation());
        boolean hit;
        switch (match.matchType()) {
            case EQUALS: hit = a.equals(b); break;
            case STARTS_WITH: hit = a.startsWith(b); break;
            case ENDS_WITH: hit = a.endsWith(b); break;
            default: hit = a.contains(b);
        }
        return match.negate() ? !hit : hit;
    }

    private static String fold(String s, Collation collation) {
        if (collation == Collation.OCTET) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (collation == Collation.ASCII_CASEMAP) {
                out.appendCodePoint(cp >= 'a' && cp <= 'z' ? cp - 32 : cp);
            } else {
                out.appendCodePoint(Character.toTitleCase(cp));
            }
        }
        return collation == Collation.UNICODE_CASEMAP ? Normalizer.normalize(out, Normalizer.Form.NFKD) : out.toString();
    }
}
