package org.galdav.mapping;

import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.Combination;
import org.galdav.core.query.TextMatch;

/**
 * Turns an addressbook-query filter into an LDAP filter that selects a superset of the matching
 * entries, using the mapping backwards (FN comes from displayName, cn or givenName+sn, ...). The
 * result is always re-checked against the cards, so the translation only has to be safe, never
 * exact: where a condition cannot be expressed it widens instead of guessing. Values only ever enter
 * the filter through the SDK's factories, which escape them (RFC 4515).
 */
public final class QueryTranslator {
    private final Mapping mapping;

    public QueryTranslator(Mapping mapping) {
        this.mapping = mapping;
    }

    /** The LDAP filter for a query, always including the mapping's entry filter. */
    public Filter translate(CardFilter filter) {
        Optional<Filter> narrowing = narrow(filter);
        return narrowing.map(f -> Filter.createANDFilter(mapping.entryFilter(), f)).orElse(mapping.entryFilter());
    }

    /** Empty means "cannot narrow": every published entry is a candidate. */
    private Optional<Filter> narrow(CardFilter filter) {
        if (filter.matchesEverything()) {
            return Optional.empty();
        }
        List<Optional<Filter>> parts = filter.propFilters().stream().map(this::propFilter).toList();
        return combine(filter.test(), parts);
    }

    private Optional<Filter> propFilter(PropFilter filter) {
        if (filter.isNotDefined()) {
            return Optional.empty();
        }
        List<PropertyRule> rules = mapping.rulesFor(filter.name());
        if (rules.isEmpty()) {
            // Group cards carry KIND/MEMBER without a rule; anything else unmapped can never match.
            return isDerived(filter.name()) ? Optional.empty() : Optional.of(never());
        }
        List<Filter> perRule = new ArrayList<>();
        for (PropertyRule rule : rules) {
            Optional<Filter> f = ruleFilter(rule, filter);
            if (f.isEmpty()) {
                return Optional.empty();
            }
            perRule.add(f.get());
        }
        if (filter.name().equals("FN")) {
            // An entry none of the FN rules can name gets its FN from the DN (see EntryMapper).
            perRule.add(Filter.createNOTFilter(or(rules.stream().map(QueryTranslator::presence).toList())));
        }
        return Optional.of(or(perRule));
    }

    /** What one rule contributes: its text-matches pushed down, else mere presence of its attributes. */
    private Optional<Filter> ruleFilter(PropertyRule rule, PropFilter filter) {
        Filter presence = presence(rule);
        if (filter.isPresenceTest()) {
            return Optional.of(presence);
        }
        List<Optional<Filter>> parts = new ArrayList<>();
        for (TextMatch match : filter.textMatches()) {
            parts.add(textMatch(rule, match));
        }
        // param-filters are tested on the card; for the search they only mean "property exists".
        filter.paramFilters().forEach(p -> parts.add(Optional.empty()));
        Optional<Filter> combined = combine(filter.test(), parts);
        return Optional.of(combined.map(f -> and(List.of(presence, f))).orElse(presence));
    }

    private Optional<Filter> textMatch(PropertyRule rule, TextMatch match) {
        if (match.negate() || match.text().isEmpty() || !rule.kind().isVerbatimText()) {
            return Optional.empty();
        }
        List<Filter> alternatives = new ArrayList<>();
        List<Template> templates = new ArrayList<>(rule.values());
        templates.addAll(rule.components().values());
        for (Template template : templates) {
            if (template.isSingleAttribute() && !rule.isStructured()) {
                alternatives.add(exact(template.attributes().iterator().next(), match));
            } else {
                Optional<Filter> inside = withinOneAttribute(template, match, rule.isStructured());
                if (inside.isEmpty()) {
                    return Optional.empty();
                }
                alternatives.add(inside.get());
            }
        }
        return Optional.of(or(alternatives));
    }

    /** A value that equals the template's output, or its start or end, maps to one attribute filter. */
    private static Filter exact(String attribute, TextMatch match) {
        String text = match.text();
        switch (match.matchType()) {
            case EQUALS: return Filter.createEqualityFilter(attribute, text);
            case STARTS_WITH: return Filter.createSubstringFilter(attribute, text, null, null);
            case ENDS_WITH: return Filter.createSubstringFilter(attribute, null, null, text);
            default: return Filter.createSubstringFilter(attribute, null, new String[] {text}, null);
        }
    }

    /**
     * For composed values ("{givenName} {sn}", structured components) a searched text that contains
     * none of the separators must lie inside one attribute value: contains on each attribute is then a
     * superset. A text spanning a separator cannot be pushed down.
     */
    private static Optional<Filter> withinOneAttribute(Template template, TextMatch match, boolean structured) {
        String text = match.text();
        if (structured && (text.indexOf(';') >= 0 || text.indexOf(',') >= 0)) {
            return Optional.empty();
        }
        for (String literal : template.literals()) {
            for (char c : literal.toCharArray()) {
                if (text.indexOf(c) >= 0) {
                    return Optional.empty();
                }
            }
        }
        List<Filter> any = new ArrayList<>();
        for (String attribute : template.attributes()) {
            any.add(Filter.createSubstringFilter(attribute, null, new String[] {text}, null));
        }
        return Optional.of(or(any));
    }

    /** The property exists when some template resolves, i.e. all of its attributes are present. */
    private static Filter presence(PropertyRule rule) {
        List<Filter> any = new ArrayList<>();
        List<Template> templates = new ArrayList<>(rule.values());
        if (rule.isStructured()) {
            rule.components().values().forEach(t -> t.attributes().forEach(
                    a -> any.add(Filter.createPresenceFilter(a))));
            return or(any);
        }
        for (Template template : templates) {
            List<Filter> all = template.attributes().stream().map(Filter::createPresenceFilter).toList();
            any.add(and(all));
        }
        return or(any);
    }

    private static boolean isDerived(String property) {
        return property.equals("KIND") || property.equals("MEMBER") || property.equals("UID")
                || property.equals("VERSION") || property.equals("PRODID");
    }

    private static Optional<Filter> combine(Combination test, List<Optional<Filter>> parts) {
        if (test == Combination.ANY_OF) {
            if (parts.stream().anyMatch(Optional::isEmpty)) {
                return Optional.empty();
            }
            return Optional.of(or(parts.stream().map(Optional::get).toList()));
        }
        List<Filter> known = parts.stream().flatMap(Optional::stream).toList();
        return known.isEmpty() ? Optional.empty() : Optional.of(and(known));
    }

    private static Filter or(List<Filter> filters) {
        return filters.size() == 1 ? filters.get(0) : Filter.createORFilter(filters);
    }

    private static Filter and(List<Filter> filters) {
        return filters.size() == 1 ? filters.get(0) : Filter.createANDFilter(filters);
    }

    /** Matches no entry, in a form every directory understands (not every one has RFC 4526 "(|)"). */
    private static Filter never() {
        return Filter.createNOTFilter(Filter.createPresenceFilter("objectClass"));
    }
}
