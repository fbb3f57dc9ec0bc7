package org.galdav.mapping;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.galdav.core.CleanText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a {@link Mapping} to directory entries. Stateless and thread-safe. */
public final class EntryMapper {
    private static final Logger LOG = LoggerFactory.getLogger(EntryMapper.class);

    private final Mapping mapping;

    public EntryMapper(Mapping mapping) {
        this.mapping = mapping;
    }

    public Mapping mapping() {
        return mapping;
    }

    /** The resource id of an entry, or empty when it lacks the id attribute (it is then not published). */
    public Optional<String> idOf(Entry entry) {
        return mapping.idFormat().idOf(entry, mapping.idAttribute());
    }

    /** The card for an entry; empty (and logged) when the entry cannot be published. */
    public Optional<MappedCard> map(Entry entry, MemberResolver members) {
        Optional<String> id = idOf(entry);
        if (id.isEmpty()) {
            LOG.warn("entry {} has no {} attribute; it is not published", entry.getDN(), mapping.idAttribute());
            return Optional.empty();
        }
        List<MappedProperty> properties = new ArrayList<>();
        for (PropertyRule rule : mapping.rules()) {
            properties.addAll(apply(rule, entry, members));
        }
        if (properties.stream().noneMatch(p -> p.name().equals("FN"))) {
            // FN is mandatory in vCard 3.0 and 4.0; the DN's first value is better than an invalid card.
            properties.add(0, new MappedProperty("FN", List.of(), new MappedValue.Text(CleanText.clean(firstRdnValue(entry)))));
        }
        boolean group = isGroup(entry);
        List<String> memberUids = List.of();
        if (group) {
            List<String> dns = new ArrayList<>();
            for (String attribute : mapping.memberAttributes()) {
                String[] values = entry.getAttributeValues(attribute);
                if (values != null) {
                    dns.addAll(List.of(values));
                }
            }
            memberUids = members.uidsOf(dns);
        }
        return Optional.of(new MappedCard(id.get(), id.get(), group, properties, memberUids, modified(entry)));
    }

    private boolean isGroup(Entry entry) {
        try {
            return mapping.groupFilter().matchesEntry(entry);
        } catch (LDAPException e) {
            // A filter the client-side matcher cannot evaluate (extensible match): treat as a person.
            return false;
        }
    }

    private List<MappedProperty> apply(PropertyRule rule, Entry entry, MemberResolver members) {
        if (rule.isStructured()) {
            return structured(rule, entry).stream()
                    .map(v -> new MappedProperty(rule.property(), rule.types(), v)).toList();
        }
        List<MappedProperty> out = new ArrayList<>();
        for (Template template : rule.values()) {
            if (rule.kind() == ValueKind.BINARY) {
                for (byte[] bytes : template.expandBytes(entry)) {
                    ScaledPhotos.normalize(bytes, mapping.photoMaxSize(), entry.getDN()).ifPresent(b ->
                            out.add(new MappedProperty(rule.property(), rule.types(), new MappedValue.Binary(b))));
                }
            } else {
                for (String text : prefixed(rule, template.expand(entry))) {
                    boolean primary = !rule.prefixes().primary().isEmpty() && text.startsWith(rule.prefixes().primary());
                    String value = rule.prefixes().strip().isEmpty() ? text : text.substring(rule.prefixes().strip().length());
                    convert(rule, value, entry, members).ifPresent(v ->
                            out.add(new MappedProperty(rule.property(), rule.types(), v, primary)));
                }
            }
            if (!out.isEmpty()) {
                break; // the first template that yields a value wins
            }
        }
        return rule.single() && out.size() > 1 ? List.of(out.get(0)) : out;
    }

    /**
     * With strip-prefix: values with that prefix lose it, the primary (primary-prefix) first; values with
     * another "type:" prefix (X500:, sip:) are dropped; values without any prefix (a fallback template
     * such as {mail}) are kept as they are.
     */
    private static List<String> prefixed(PropertyRule rule, List<String> values) {
        String strip = rule.prefixes().strip();
        if (strip.isEmpty()) {
            return values;
        }
        List<String> out = new ArrayList<>();
        for (String value : values) {
            if (value.regionMatches(true, 0, strip, 0, strip.length())) {
                if (value.length() == strip.length()) {
                    continue;
                }
                if (!rule.prefixes().primary().isEmpty() && value.startsWith(rule.prefixes().primary())) {
                    out.add(0, value);
                } else {
                    out.add(value);
                }
            } else if (!OTHER_PREFIX.matcher(value).lookingAt()) {
                out.add(strip + value);
            }
        }
        return out;
    }

    private static final Pattern OTHER_PREFIX = Pattern.compile("[A-Za-z0-9]{1,12}:");

    private Optional<MappedValue> convert(PropertyRule rule, String text, Entry entry, MemberResolver members) {
        switch (rule.kind()) {
            case TIMESTAMP:
                try {
                    return Optional.of(new MappedValue.Timestamp(Dates.generalizedTime(text)));
                } catch (ParseException e) {
                    LOG.warn("entry {}: {} is not a generalized time: {}", entry.getDN(), rule.property(), text);
                    return Optional.empty();
                }
            case LABELED_URI:
                String uri = text.trim().split("\\s+", 2)[0];
                return uri.isEmpty() ? Optional.empty() : Optional.of(new MappedValue.Uri(uri));
            case DATE:
                return Dates.parse(text).map(d -> (MappedValue) new MappedValue.Date(d)).or(() -> {
                    LOG.warn("entry {}: {} is not a date: {}", entry.getDN(), rule.property(), text);
                    return Optional.empty();
                });
            case DN_VALUE:
                return firstRdnValue(text).map(CleanText::clean).map(MappedValue.Text::new);
            case REFERENCE:
                return members.uidsOf(List.of(text)).stream().findFirst()
                        .map(uid -> new MappedValue.Uri("urn:uuid:" + uid));
            default:
                return Optional.of(new MappedValue.Text(text));
        }
    }

    private List<MappedValue> structured(PropertyRule rule, Entry entry) {
        List<String> names = MappingLoader.COMPONENTS.get(rule.property());
        List<List<String>> components = new ArrayList<>();
        boolean any = false;
        for (String name : names) {
            Template template = rule.components().get(name);
            List<String> values = template == null ? List.of() : template.expand(entry);
            any |= !values.isEmpty();
            components.add(values);
        }
        return any ? List.of(new MappedValue.Structured(components)) : List.of();
    }

    private Optional<Instant> modified(Entry entry) {
        String value = entry.getAttributeValue(mapping.modifiedAttribute());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Dates.generalizedTime(value));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> firstRdnValue(String dn) {
        try {
            String[] values = new DN(dn).getRDN().getAttributeValues();
            return values.length > 0 && !values[0].isBlank() ? Optional.of(values[0]) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String firstRdnValue(Entry entry) {
        try {
            String[] values = entry.getParsedDN().getRDN().getAttributeValues();
            return values.length > 0 ? values[0] : entry.getDN();
        } catch (Exception e) {
            return entry.getDN();
        }
    }
}
