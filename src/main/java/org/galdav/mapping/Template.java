package org.galdav.mapping;

import org.galdav.core.CleanText;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A value template such as {@code "{givenName} {sn}"}: literal text and attribute placeholders.
 * A template that is a single placeholder yields one value per attribute value (multi-valued
 * attributes become several vCard properties); a composed template uses the first value of each
 * attribute and yields nothing unless every attribute is present.
 */
public final class Template {
    private final String source;
    private final List<String> parts; // even index: literal, odd index: attribute name

    private Template(String source, List<String> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws IllegalArgumentException with a readable reason for unbalanced braces or empty names
     */
    public static Template parse(String source) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{') {
                int close = source.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed '{' in template \"" + source + "\"");
                }
                String name = source.substring(i + 1, close).trim();
                if (!name.matches("[A-Za-z][A-Za-z0-9-]*(;[A-Za-z0-9-]+)*")) {
                    throw new IllegalArgumentException("bad attribute name \"" + name + "\" in template \"" + source + "\"");
                }
                parts.add(literal.toString());
                parts.add(name);
                literal.setLength(0);
                i = close + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}' in template \"" + source + "\"");
            } else {
                literal.append(c);
                i++;
            }
        }
        parts.add(literal.toString());
        return new Template(source, parts);
    }

    /** Attribute names this template reads. */
    public Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    /** True for a template that is exactly one placeholder with no literal text. */
    public boolean isSingleAttribute() {
        return parts.size() == 3 && parts.get(0).isEmpty() && parts.get(2).isEmpty();
    }

    /** The literal text between placeholders (empty strings included). */
    public List<String> literals() {
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < parts.size(); i += 2) {
            literals.add(parts.get(i));
        }
        return literals;
    }

    /** Values as text; empty when an attribute is missing. Blank results are dropped. */
    public List<String> expand(Entry entry) {
        if (isSingleAttribute()) {
            Attribute attribute = entry.getAttribute(parts.get(1));
            if (attribute == null) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (String value : attribute.getValues()) {
                String clean = CleanText.clean(value);
                if (!clean.isBlank()) {
                    values.add(clean);
                }
            }
            return values;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                String value = entry.getAttributeValue(parts.get(i));
                if (value == null || CleanText.clean(value).isBlank()) {
                    return List.of();
                }
                out.append(CleanText.clean(value));
            }
        }
        String text = CleanText.clean(out.toString()).trim();
        return text.isEmpty() ? List.of() : List.of(text);
    }

    /** Raw values of a single-attribute template (binary attributes such as jpegPhoto). */
    public List<byte[]> expandBytes(Entry entry) {
        if (!isSingleAttribute()) {
            return List.of();
        }
        Attribute attribute = entry.getAttribute(parts.get(1));
        return attribute == null ? List.of() : List.of(attribute.getValueByteArrays());
    }

    @Override
    public String toString() {
        return source;
    }
}
