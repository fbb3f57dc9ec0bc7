package org.galdav.jmh;

import com.unboundid.ldap.sdk.Entry;
import java.util.List;
import org.galdav.demo.DemoCompany;
import org.galdav.demo.DemoOptions;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.MappedCard;
import org.galdav.mapping.MappingLoader;
import org.galdav.mapping.MemberResolver;

/**
 * The inputs of the micro-benchmarks: people of the demo company (seed 42, with its own share of photos,
 * managers, optional attributes) and their cards under the default mapping. A benchmark cycles through
 * {@link #SIZE} of them, so that it measures a mix of cards rather than one.
 */
public final class DemoCards {
    /** A power of two, so that a benchmark cycles with a mask. */
    public static final int SIZE = 256;
    public static final String MAPPING = "mappings/inetorgperson.conf";

    private DemoCards() {
    }

    /** {@link #SIZE} person entries of the demo company, as slapd would return them (entryUUID included). */
    public static Entry[] people() {
        List<Entry> people = DemoCompany.entries(new DemoOptions(SIZE + 40, 42, 0)).stream()
                .filter(e -> e.hasObjectClass("inetOrgPerson")).limit(SIZE).toList();
        if (people.size() != SIZE) {
            throw new IllegalStateException("the demo company has only " + people.size() + " people");
        }
        return people.toArray(Entry[]::new);
    }

    public static EntryMapper mapper() {
        return new EntryMapper(MappingLoader.load(MAPPING));
    }

    /** The cards of {@link #people()} under the default mapping (managers as references without a UID). */
    public static MappedCard[] cards() {
        EntryMapper mapper = mapper();
        Entry[] people = people();
        MappedCard[] cards = new MappedCard[people.length];
        for (int i = 0; i < people.length; i++) {
            cards[i] = mapper.map(people[i], MemberResolver.NONE).orElseThrow();
        }
        return cards;
    }
}
