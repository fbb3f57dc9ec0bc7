package org.galdav.mapping;

import com.unboundid.ldap.sdk.Filter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.galdav.core.Deadline;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.Combination;
import org.galdav.core.query.MatchType;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.TextMatch;

/**
 * Turns an addressbook-query filter into an LDAP filter that selects a superset of the matching
 * entries, using the mapping backwards (FN comes from displayName, cn or givenName+sn, ...). Results
 * are always re-checked against the cards, so the translation only has to be safe, never exact: where
 * a condition cannot be expressed, or the directory's matching rules could miss a match, it widens to
 * "the property exists" instead of guessing. Values only ever enter the filter through the SDK's
 * factories, which escape them (RFC 4515). The work is linear in the query and the filter bounded
 * ({@link FilterBudget}); the request's {@link Deadline} is checked per prop-filter and text-match.
 */
public final class QueryTranslator {
    private final Mapping mapping;
    private final SearchableAttributes attributes;

    public QueryTranslator(Mapping mapping, SearchableAttributes attributes) {
        this.mapping = mapping;
        this.attributes = attributes;
    }

    /** The LDAP filter for a query, always including the mapping's entry filter. */
    public Filter translate(CardFilter filter) {
        Optional<Filter> narrowing = narrow(filter, new FilterBudget());
        return narrowing.map(f -> Filter.createANDFilter(mapping.entryFilter(), f)).orElse(mapping.entryFilter());
    }

    /** Empty means "cannot narrow": every published entry is a candidate. */
    private Optional<Filter> narrow(CardFilter filter, FilterBudget budget) {
        if (filter.matchesEverything()) {
            return Optional.empty();
        }
        List<Optional<Filter>> parts = filter.propFilters().stream().map(p -> propFilter(p, budget)).toList();
        return combine(filter.test(), parts);
    }

    private Optional<Filter> propFilter(PropFilter filter, FilterBudget budget) {
        Deadline.current().check();
        if (filter.isNotDefined()) {
            return notDefined(filter);
        }
        if (filter.name().equals("UID")) {
            return uid(filter).filter(budget::spend);
        }
        List<PropertyRule> rules = mapping.rulesFor(filter.name());
        if (rules.isEmpty()) {
            // Group cards carry KIND/MEMBER without a rule; anything else unmapped can never match.
            return isDerived(filter.name()) ? Optional.empty() : Optional.of(never());
        }
        List<Filter> perRule = new ArrayList<>();
        for (PropertyRule rule : rules) {
            perRule.add(ruleFilter(rule, filter, budget));
        }
        if (filter.name().equals("FN") && !alwaysNamed(rules)) {
            // An entry none of the FN rules can name gets its FN from the DN (see EntryMapper). This branch
            // cannot use an index, so it is left out where the schema guarantees a name.
            perRule.add(Filter.createNOTFilter(or(rules.stream().map(QueryTranslator::presence).toList())));
        }
        return Optional.of(or(perRule));
    }

    /**
     * is-not-defined: every card has a UID. Otherwise it widens: "(!(mail=*))" would wrongly drop an
     * entry whose only mail value is blank or unusable, which has no EMAIL on its card.
     */
    private Optional<Filter> notDefined(PropFilter filter) {
        return filter.name().equals("UID") && filter.group().isEmpty() ? Optional.of(never()) : Optional.empty();
    }

    /** True when every published entry has an attribute that one of the FN rules names on its own. */
    private boolean alwaysNamed(List<PropertyRule> rules) {
        Set<String> required = attributes.alwaysPresent(mapping.entryFilter());
        return rules.stream().flatMap(r -> r.values().stream()).anyMatch(t -> t.isSingleAttribute()
                && required.contains(t.attributes().iterator().next().toLowerCase(Locale.ROOT)));
    }

    /** UID is the id attribute: an equality test becomes an equality search, anything else widens. */
    private Optional<Filter> uid(PropFilter filter) {
        if (filter.textMatches().size() != 1 || !filter.paramFilters().isEmpty()) {
            return Optional.empty();
        }
        TextMatch match = filter.textMatches().get(0);
        String id = mapping.idAttribute();
        if (match.negate() || match.matchType() != MatchType.EQUALS || match.text().isEmpty()) {
            return Optional.empty();
        }
        if (mapping.idFormat() == IdFormat.GUID) {
            // A binary GUID compares as bytes (AD calls it Octet String): one spelling, hex case irrelevant.
            // An i;octet search in other letter case matches no card; the byte search is a superset anyway.
            return Optional.of(IdFormat.GUID.equality(id, match.text()).orElse(never()));
        }
        if (!attributes.equalitySafe(id, match.collation())) {
            return Optional.empty();
        }
        return NeedleVariants.of(match.text(), match.collation(), match.matchType())
                .map(vs -> or(vs.stream().map(v -> Filter.createEqualityFilter(id, v)).toList()));
    }

    /** What one rule contributes: its text-matches pushed down, else mere presence of its attributes. */
    private Filter ruleFilter(PropertyRule rule, PropFilter filter, FilterBudget budget) {
        Filter presence = presence(rule);
        if (filter.isPresenceTest()) {
            return presence;
        }
        List<Optional<Filter>> parts = new ArrayList<>();
        for (TextMatch match : filter.textMatches()) {
            parts.add(textMatch(rule, match).filter(budget::spend));
        }
        // param-filters are tested on the card; for the search they only mean "property exists".
        filter.paramFilters().forEach(p -> parts.add(Optional.empty()));
        // A pushed-down text match implies that an attribute of the rule is present: a superset is enough.
        return combine(filter.test(), parts).orElse(presence);
    }

    private Optional<Filter> textMatch(PropertyRule rule, TextMatch match) {
        if (match.negate() || match.text().isEmpty() || !rule.kind().isVerbatimText()) {
            return Optional.empty();
        }
        Optional<List<String>> needles = NeedleVariants.of(match.text(), match.collation(), match.matchType());
        if (needles.isEmpty()) {
            return Optional.empty();
        }
        List<Filter> alternatives = new ArrayList<>();
        List<Template> templates = new ArrayList<>(rule.values());
        templates.addAll(rule.components().values());
        for (Template template : templates) {
            Optional<Filter> f = template.isSingleAttribute() && !rule.isStructured()
                    ? whole(template.attributes().iterator().next(), match, needles.get(), rule.prefixes().strip())
                    : withinOneAttribute(template, match, needles.get(), rule.isStructured());
            if (f.isEmpty()) {
                return Optional.empty();
            }
            alternatives.add(f.get());
        }
        return Optional.of(or(alternatives));
    }

    /**
     * The template is the attribute itself: the match type carries over one to one. With a stripped
     * prefix ("smtp:") the value starts after it, so equality and starts-with put it back.
     */
    private Optional<Filter> whole(String attribute, TextMatch match, List<String> needles, String prefix) {
        boolean equality = match.matchType() == MatchType.EQUALS;
        boolean safe = equality ? attributes.equalitySafe(attribute, match.collation())
                : attributes.substringsSafe(attribute, match.collation());
        if (!safe) {
            return Optional.empty();
        }
        List<Filter> any = new ArrayList<>();
        List<String> starts = prefix.isEmpty() ? List.of("") : List.of("", prefix);
        for (String text : needles) {
            switch (match.matchType()) {
                case EQUALS:
                    starts.forEach(p -> any.add(Filter.createEqualityFilter(attribute, p + text)));
                    break;
                case STARTS_WITH:
                    starts.forEach(p -> any.add(Filter.createSubstringFilter(attribute, p + text, null, null)));
                    break;
                case ENDS_WITH: any.add(Filter.createSubstringFilter(attribute, null, null, text)); break;
                default: any.add(Filter.createSubstringFilter(attribute, null, new String[] {text}, null)); break;
            }
        }
        return Optional.of(or(any));
    }

    /**
     * For composed values ("{givenName} {sn}", structured components) a searched text that contains
     * none of the separators must lie inside one attribute value: contains on each attribute is then a
     * superset. A text spanning a separator cannot be pushed down.
     */
    private Optional<Filter> withinOneAttribute(Template template, TextMatch match, List<String> needles,
                                                boolean structured) {
        // Compared under the collation: "r" meets the "R" of "Room {n}", a full-width "；" is a ";".
        String text = match.collation().key(match.text());
        if (structured && (text.indexOf(';') >= 0 || text.indexOf(',') >= 0)) {
            return Optional.empty();
        }
        for (String literal : template.literals()) {
            String key = match.collation().key(literal);
            for (int i = 0; i < key.length(); i++) {
                if (text.indexOf(key.charAt(i)) >= 0) {
                    return Optional.empty();
                }
            }
        }
        List<Filter> any = new ArrayList<>();
        for (String attribute : template.attributes()) {
            if (!attributes.substringsSafe(attribute, match.collation())) {
                return Optional.empty();
            }
            for (String needle : needles) {
                any.add(Filter.createSubstringFilter(attribute, null, new String[] {needle}, null));
            }
        }
        return Optional.of(or(any));
    }

    /** The property exists when some template resolves, i.e. all of its attributes are present. */
    private static Filter presence(PropertyRule rule) {
        List<Filter> any = new ArrayList<>();
        if (rule.isStructured()) {
            rule.components().values().forEach(t -> t.attributes().forEach(
                    a -> any.add(Filter.createPresenceFilter(a))));
            return or(any);
        }
        for (Template template : rule.values()) {
            List<Filter> all = template.attributes().stream().map(Filter::createPresenceFilter).toList();
            any.add(and(all));
        }
        return or(any);
    }

    private static boolean isDerived(String property) {
        return property.equals("KIND") || property.equals("MEMBER") || property.equals("VERSION")
                || property.equals("PRODID")
                || property.startsWith("X-ADDRESSBOOKSERVER-");
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

    /** Each component once: a client repeating a condition must not repeat it to the directory. */
    private static Filter or(List<Filter> filters) {
        List<Filter> distinct = List.copyOf(new LinkedHashSet<>(filters));
        return distinct.size() == 1 ? distinct.get(0) : Filter.createORFilter(distinct);
    }

    private static Filter and(List<Filter> filters) {
        List<Filter> distinct = List.copyOf(new LinkedHashSet<>(filters));
        return distinct.size() == 1 ? distinct.get(0) : Filter.createANDFilter(distinct);
    }

    /** Matches no entry, in a form every directory understands (not every one has RFC 4526 "(|)"). */
    private static Filter never() {
        return Filter.createNOTFilter(Filter.createPresenceFilter("objectClass"));
    }
}
