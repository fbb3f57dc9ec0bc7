package org.galdav.mapping;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.galdav.core.Sha256;

/**
 * Reads a mapping file (HOCON, documented in docs/mapping.md). Every problem is reported as one
 * {@link MappingException} naming the file, the key and what is wrong, so a broken mapping stops
 * the start with a message an operator can act on.
 */
public final class MappingLoader {
    /** Component names of the structured properties, in vCard order (RFC 6350 §6.2.2, §6.3.1, §6.6.4). */
    static final Map<String, List<String>> COMPONENTS = Map.of(
            "N", List.of("family", "given", "additional", "prefix", "suffix"),
            "ADR", List.of("po-box", "extended", "street", "locality", "region", "postal-code", "country"),
            "ORG", List.of("name", "units"));
    /** Properties a card carries at most once; the first value wins. */
    private static final Set<String> SINGLE = Set.of("FN", "N", "ORG", "PHOTO", "REV", "BDAY", "ANNIVERSARY",
            "GENDER", "KIND", "TITLE");

    private MappingLoader() {
    }

    /**
     * Loads a mapping by location: a file path if it exists, else one of the mappings shipped in the
     * jar ("mappings/inetorgperson.conf").
     */
    public static Mapping load(String location) {
        Path file = Path.of(location);
        if (Files.exists(file)) {
            return load(file);
        }
        String resource = "galdav/" + location.replace('\\', '/').replaceFirst("^\\./", "");
        if (MappingLoader.class.getClassLoader().getResource(resource) == null) {
            throw new MappingException("mapping file " + location + " does not exist (neither as a file nor among "
                    + "the shipped mappings)");
        }
        try {
            return parse(location, ConfigFactory.parseResources(MappingLoader.class.getClassLoader(), resource,
                    ConfigParseOptions.defaults().setAllowMissing(false)).resolve());
        } catch (ConfigException e) {
            throw new MappingException("mapping file " + location + ": " + e.getMessage(), e);
        }
    }

    public static Mapping load(Path file) {
        String name = file.toString();
        if (!Files.isReadable(file)) {
            throw new MappingException("mapping file " + name + " does not exist or cannot be read");
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve();
        } catch (ConfigException e) {
            throw new MappingException("mapping file " + name + ": " + e.getMessage(), e);
        }
        return parse(name, config);
    }

    static Mapping parse(String file, Config config) {
        try {
            String idAttribute = string(config, "id-attribute", "entryUUID");
            IdFormat idFormat;
            try {
                idFormat = IdFormat.parse(string(config, "id-format", "text"));
            } catch (IllegalArgumentException e) {
                throw new MappingException("mapping file " + file + ": key 'id-format' must be text or guid");
            }
            Filter entryFilter = filter(file, config, "entry-filter", null);
            if (config.hasPath("exclude-filter") && !config.getString("exclude-filter").isBlank()) {
                // Hidden entries (disabled accounts, "hide from address list") are never searched for.
                entryFilter = Filter.createANDFilter(entryFilter,
                        Filter.createNOTFilter(filter(file, config, "exclude-filter", null)));
            }
            Filter groupFilter = filter(file, config, "group-filter",
                    "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))");
            List<String> members = config.hasPath("member-attributes")
                    ? config.getStringList("member-attributes") : List.of("member", "uniqueMember");
            String modified = string(config, "modified-attribute", "modifyTimestamp");
            if (!config.hasPath("properties")) {
                throw new MappingException("mapping file " + file + ": key 'properties' is missing");
            }
            List<PropertyRule> rules = new ArrayList<>();
            List<? extends Config> entries = config.getConfigList("properties");
            for (int i = 0; i < entries.size(); i++) {
                rules.add(rule(file, "properties[" + i + "]", entries.get(i)));
            }
            if (rules.stream().noneMatch(r -> r.property().equals("FN"))) {
                throw new MappingException("mapping file " + file + ": key 'properties' has no FN rule (FN is required in every vCard)");
            }
            int photoMaxSize = config.hasPath("photo-max-size") ? config.getInt("photo-max-size") : 512;
            if (photoMaxSize < 16 || photoMaxSize > 4096) {
                throw new MappingException("mapping file " + file + ": key 'photo-max-size' must be 16 to 4096 pixels");
            }
            return new Mapping(file, idAttribute, idFormat, entryFilter, groupFilter, members, modified, rules,
                    photoMaxSize, fingerprint(config));
        } catch (ConfigException e) {
            throw new MappingException("mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    private static PropertyRule rule(String file, String key, Config rule) {
        String where = "mapping file " + file + ": key '" + key;
        if (!rule.hasPath("name")) {
            throw new MappingException(where + ".name' is missing");
        }
        String property = rule.getString("name").trim().toUpperCase(Locale.ROOT);
        if (!property.matches("[A-Z][A-Z0-9-]*")) {
            throw new MappingException(where + ".name' is not a vCard property name: " + property);
        }
        List<Template> values = new ArrayList<>();
        Map<String, Template> components = new LinkedHashMap<>();
        try {
            if (rule.hasPath("value")) {
                for (String source : stringOrList(rule, "value")) {
                    values.add(Template.parse(source));
                }
            }
            if (rule.hasPath("components")) {
                List<String> allowed = COMPONENTS.get(property);
                if (allowed == null) {
                    throw new MappingException(where + ".components': " + property
                            + " is not a structured property (only N, ADR and ORG have components)");
                }
                Config parts = rule.getConfig("components");
                for (String component : parts.root().keySet()) {
                    if (!allowed.contains(component)) {
                        throw new MappingException(where + ".components." + component + "': unknown component of "
                                + property + "; expected one of " + allowed);
                    }
                }
                for (String component : allowed) {
                    if (parts.hasPath(component)) {
                        components.put(component, Template.parse(parts.getString(component)));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new MappingException(where + "': " + e.getMessage(), e);
        }
        if (values.isEmpty() == components.isEmpty()) {
            throw new MappingException(where + "': give either 'value' or 'components'");
        }
        if (!components.isEmpty() && values.isEmpty() && COMPONENTS.get(property) == null) {
            throw new MappingException(where + "': " + property + " has no components");
        }
        List<String> types = rule.hasPath("type") ? stringOrList(rule, "type") : List.of();
        ValueKind kind;
        try {
            kind = rule.hasPath("kind") ? ValueKind.parse(rule.getString("kind")) : defaultKind(property);
        } catch (IllegalArgumentException e) {
            throw new MappingException(where + ".kind': must be text, binary, timestamp, date, labeled-uri, "
                    + "dn-value or reference");
        }
        boolean single = rule.hasPath("single") ? rule.getBoolean("single") : SINGLE.contains(property);
        PropertyRule.Prefixes prefixes = new PropertyRule.Prefixes(string(rule, "strip-prefix", ""),
                string(rule, "primary-prefix", ""));
        return new PropertyRule(property, values, components, types, kind, single, prefixes);
    }

    private static ValueKind defaultKind(String property) {
        switch (property) {
            case "PHOTO": case "LOGO": return ValueKind.BINARY;
            case "REV": return ValueKind.TIMESTAMP;
            case "BDAY": case "ANNIVERSARY": return ValueKind.DATE;
            default: return ValueKind.TEXT;
        }
    }

    private static List<String> stringOrList(Config config, String key) {
        ConfigValue value = config.getValue(key);
        if (value.valueType() == ConfigValueType.LIST) {
            return config.getStringList(key);
        }
        return List.of(config.getString(key));
    }

    private static String string(Config config, String key, String fallback) {
        return config.hasPath(key) ? config.getString(key).trim() : fallback;
    }

    private static Filter filter(String file, Config config, String key, String fallback) {
        String text = config.hasPath(key) ? config.getString(key) : fallback;
        if (text == null) {
            throw new MappingException("mapping file " + file + ": key '" + key + "' is missing");
        }
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            throw new MappingException("mapping file " + file + ": key '" + key + "' is not a valid LDAP filter ("
                    + e.getDiagnosticMessage() + "): " + text, e);
        }
    }

    private static String fingerprint(Config config) {
        byte[] rendered = config.root().render(ConfigRenderOptions.concise()).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Sha256.digest().digest(rendered), 0, 8);
    }
}
