package org.galdav.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.galdav.core.SourceUnavailableException;

/**
 * Active Directory returns large multi-valued attributes in slices ("ranged retrieval",
 * MS-ADTS §3.1.1.3.1.3.3): {@code member;range=0-1499} and the client must ask for
 * {@code member;range=1500-*} and so on until a slice ends in "*". This completes such attributes,
 * so the rest of galdav sees a plain {@code member} with every value.
 */
final class RangedAttributes {
    private static final Pattern RANGE = Pattern.compile("range=(\\d+)-(\\d+|\\*)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SLICES = 10_000;

    private RangedAttributes() {
    }

    /**
     * @param reader reads one entry (DN, attribute list) on another connection
     */
    static SearchResultEntry complete(SearchResultEntry entry, BiFunction<String, String[], Optional<? extends Entry>> reader) {
        boolean ranged = entry.getAttributes().stream().anyMatch(a -> range(a).isPresent());
        if (!ranged) {
            return entry;
        }
        List<Attribute> attributes = new ArrayList<>();
        for (Attribute attribute : entry.getAttributes()) {
            Optional<Matcher> range = range(attribute);
            if (range.isEmpty()) {
                attributes.add(attribute);
                continue;
            }
            String name = attribute.getBaseName();
            List<byte[]> values = new ArrayList<>(List.of(attribute.getValueByteArrays()));
            String high = range.get().group(2);
            int slices = 0;
            while (!high.equals("*") && slices++ < MAX_SLICES) {
                long next = Long.parseLong(high) + 1;
                Optional<? extends Entry> slice = reader.apply(entry.getDN(), new String[] {name + ";range=" + next + "-*"});
                Optional<Attribute> part = slice.flatMap(e -> e.getAttributes().stream()
                        .filter(a -> a.getBaseName().equalsIgnoreCase(name) && range(a).isPresent()).findFirst());
                if (part.isEmpty()) {
                    // A group cut short would be cached and served as complete: fail the request instead.
                    throw new SourceUnavailableException(entry.getDN() + ": ranged retrieval of "
                            + name + " stopped after " + values.size() + " values", null);
                }
                values.addAll(List.of(part.get().getValueByteArrays()));
                high = range(part.get()).get().group(2);
            }
            attributes.add(new Attribute(name, values.toArray(byte[][]::new)));
        }
        return new SearchResultEntry(entry.getMessageID(), entry.getDN(), attributes, entry.getControls());
    }

    private static Optional<Matcher> range(Attribute attribute) {
        for (String option : attribute.getOptions()) {
            Matcher m = RANGE.matcher(option);
            if (m.matches()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
