package org.galdav.dav;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.core.query.CardFilter;
import org.galdav.core.query.Collation;
import org.galdav.core.query.MatchType;
import org.galdav.core.query.ParamFilter;
import org.galdav.core.query.PropFilter;
import org.galdav.core.query.Combination;
import org.galdav.core.query.TextMatch;

/**
 * Parses {@code CARDDAV:filter} (RFC 6352 §10.5). A missing filter matches everything, as clients
 * that enumerate a book expect. Unknown collations and malformed filter elements are refused with the
 * preconditions of RFC 6352 §8.6 instead of being silently widened, and so are filters larger than the
 * {@link FilterLimits}: the server does not support them. One parser per filter (it counts).
 */
public final class FilterParser {
    private final FilterLimits limits;
    private int textMatches;

    private FilterParser(FilterLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws DavException 403 {@code CARDDAV:supported-filter} for unknown elements, bad attributes and
     *                      filters over the limits; 403 {@code CARDDAV:supported-collation} for unknown collations
     */
    public static CardFilter parse(Optional<XmlElement> filter, FilterLimits limits) {
        if (filter.isEmpty()) {
            return CardFilter.ALL;
        }
        return new FilterParser(limits).filter(filter.get());
    }

    private CardFilter filter(XmlElement element) {
        Combination test = test(element);
        List<PropFilter> propFilters = new ArrayList<>();
        for (XmlElement child : element.children()) {
            if (child.is(DavNames.PROP_FILTER)) {
                if (propFilters.size() == limits.maxPropFilters()) {
                    throw unsupported("more than " + limits.maxPropFilters() + " prop-filters in one filter");
                }
                propFilters.add(propFilter(child));
            } else if (child.name().getNamespaceURI().equals(DavNames.CARDDAV)) {
                throw unsupported("unsupported filter element " + child.name().getLocalPart());
            }
        }
        return new CardFilter(test, propFilters);
    }

    private PropFilter propFilter(XmlElement element) {
        String name = element.attribute("name").map(String::trim).filter(n -> !n.isEmpty())
                .orElseThrow(() -> unsupported("prop-filter needs a name attribute"));
        boolean isNotDefined = element.child(DavNames.IS_NOT_DEFINED).isPresent();
        List<TextMatch> textMatches = new ArrayList<>();
        List<ParamFilter> paramFilters = new ArrayList<>();
        for (XmlElement child : element.children()) {
            if (child.is(DavNames.TEXT_MATCH)) {
                textMatches.add(textMatch(child));
            } else if (child.is(DavNames.PARAM_FILTER)) {
                paramFilters.add(paramFilter(child));
            }
        }
        if (isNotDefined && !(textMatches.isEmpty() && paramFilters.isEmpty())) {
            throw unsupported("is-not-defined cannot be combined with other tests in prop-filter " + name);
        }
        return PropFilter.of(name, isNotDefined, test(element), textMatches, paramFilters);
    }

    private ParamFilter paramFilter(XmlElement element) {
        String name = element.attribute("name").map(String::trim).filter(n -> !n.isEmpty())
                .orElseThrow(() -> unsupported("param-filter needs a name attribute"));
        boolean isNotDefined = element.child(DavNames.IS_NOT_DEFINED).isPresent();
        Optional<TextMatch> textMatch = element.child(DavNames.TEXT_MATCH).map(this::textMatch);
        if (isNotDefined && textMatch.isPresent()) {
            throw unsupported("is-not-defined cannot be combined with text-match in param-filter " + name);
        }
        return new ParamFilter(name, isNotDefined, textMatch);
    }

    private TextMatch textMatch(XmlElement element) {
        if (++textMatches > limits.maxTextMatches()) {
            throw unsupported("more than " + limits.maxTextMatches() + " text-matches in one filter");
        }
        String text = element.text();
        if (text.length() > limits.maxTextLength() && text.codePointCount(0, text.length()) > limits.maxTextLength()) {
            throw unsupported("text-match longer than " + limits.maxTextLength() + " characters");
        }
        String collationId = element.attribute("collation").orElse(null);
        Collation collation = Collation.forIdentifier(collationId).orElseThrow(() -> DavException.precondition(
                403, DavNames.SUPPORTED_COLLATION, "unsupported collation " + collationId));
        MatchType matchType;
        try {
            matchType = MatchType.parse(element.attribute("match-type").orElse(null));
        } catch (IllegalArgumentException e) {
            throw unsupported(e.getMessage());
        }
        String negate = element.attribute("negate-condition").orElse("no");
        if (!negate.equals("yes") && !negate.equals("no")) {
            throw unsupported("negate-condition must be yes or no");
        }
        return new TextMatch(text, collation, matchType, negate.equals("yes"));
    }

    private static Combination test(XmlElement element) {
        try {
            return Combination.parse(element.attribute("test").orElse(null));
        } catch (IllegalArgumentException e) {
            throw unsupported(e.getMessage());
        }
    }

    private static DavException unsupported(String message) {
        return DavException.precondition(403, DavNames.SUPPORTED_FILTER, message);
    }
}
