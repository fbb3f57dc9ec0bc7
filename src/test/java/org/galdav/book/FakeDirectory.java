package org.galdav.book;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.CardProperty;
import org.galdav.core.CardSink;
import org.galdav.core.CardSummary;
import org.galdav.core.PropertySelection;
import org.galdav.directory.DistinguishedNames;

/**
 * A directory in memory for change tracking tests: entries with a card name (their entryUUID), some
 * content, and DNs they refer to (members, manager); OUs without a card. Each change returns the DNs a
 * change feed reports for it: the entry's DN, both DNs of a rename or move, and for an OU renamed or
 * moved only the OU's two DNs (syncprov and AD do not report the entries below). Cards render the names
 * of the entries they refer to, so a referred entry that moves or goes changes the referrer's ETag.
 */
final class FakeDirectory {
    static final String BASE = "dc=example,dc=com";

    private record Entry(String name, String content, List<String> refs) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Set<String> ous = new HashSet<>();

    FakeDirectory() {
        ous.add(BASE);
    }

    Set<String> ou(String dn) {
        ous.add(dn(dn));
        return Set.of(dn(dn));
    }

    Set<String> add(String dn, String name, String content, String... refs) {
        List<String> normalized = new ArrayList<>();
        for (String ref : refs) {
            normalized.add(dn(ref));
        }
        entries.put(dn(dn), new Entry(name, content, normalized));
        return Set.of(dn(dn));
    }

    Set<String> modify(String dn, String content) {
        Entry e = entries.get(dn(dn));
        entries.put(dn(dn), new Entry(e.name(), content, e.refs()));
        return Set.of(dn(dn));
    }

    Set<String> addRef(String dn, String ref) {
        Entry e = entries.get(dn(dn));
        List<String> refs = new ArrayList<>(e.refs());
        refs.add(dn(ref));
        entries.put(dn(dn), new Entry(e.name(), e.content(), refs));
        return Set.of(dn(dn));
    }

    Set<String> delete(String dn) {
        entries.remove(dn(dn));
        ous.remove(dn(dn));
        return Set.of(dn(dn));
    }

    /** Renames or moves an entry or an OU (with everything below it); references to the old DNs stay. */
    Set<String> move(String from, String to) {
        String old = dn(from);
        String now = dn(to);
        if (ous.remove(old)) {
            ous.add(now);
            for (String ou : List.copyOf(ous)) {
                if (ou.endsWith("," + old)) {
                    ous.remove(ou);
                    ous.add(ou.substring(0, ou.length() - old.length()) + now);
                }
            }
        }
        for (String dn : List.copyOf(entries.keySet())) {
            if (dn.equals(old) || dn.endsWith("," + old)) {
                entries.put(dn.substring(0, dn.length() - old.length()) + now, entries.remove(dn));
            }
        }
        return Set.of(old, now);
    }

    List<String> entryDns() {
        return List.copyOf(entries.keySet());
    }

    List<String> ouDns() {
        return ous.stream().sorted().toList();
    }

    /** What a fresh, independent listing of the book below {@code base} says: name → ETag. */
    Map<String, String> listing(String base) throws IOException {
        Map<String, String> etags = new TreeMap<>();
        new Source(base).scanTracked(card -> etags.put(card.card().name(), card.card().summary().etag()));
        return etags;
    }

    static String dn(String dn) {
        return DistinguishedNames.normalized(dn);
    }

    /**
     * The directory as a change tracker reads it. Like the real member resolver, it remembers the name at
     * each DN it resolved or saw until told to forget it, so a tracker that forgets too little serves stale
     * group members.
     */
    final class Source implements TrackedSource {
        private final String base;
        private final Map<String, Optional<String>> resolved = new HashMap<>();
        int reads;

        Source(String base) {
            this.base = dn(base);
        }

        @Override
        public String baseDn() {
            return base;
        }

        @Override
        public void scanTracked(CardSink<TrackedCard> sink) throws IOException {
            resolved.clear();
            readBelow(base, sink);
        }

        @Override
        public Optional<TrackedCard> readAt(String dn) {
            reads++;
            Entry entry = entries.get(dn);
            return entry == null || !inBook(dn) ? Optional.empty() : Optional.of(render(dn, entry));
        }

        @Override
        public void readBelow(String dn, CardSink<TrackedCard> sink) throws IOException {
            if (!inBook(dn)) {
                return;
            }
            for (Map.Entry<String, Entry> e : List.copyOf(entries.entrySet())) {
                if (e.getKey().equals(dn) || e.getKey().endsWith("," + dn)) {
                    reads++;
                    sink.accept(render(e.getKey(), e.getValue()));
                }
            }
        }

        @Override
        public Map<String, TrackedCard> findTracked(Collection<String> names) {
            Map<String, TrackedCard> found = new HashMap<>();
            entries.forEach((dn, entry) -> {
                if (names.contains(entry.name()) && inBook(dn)) {
                    reads++;
                    found.put(entry.name(), render(dn, entry));
                }
            });
            return found;
        }

        @Override
        public void forget(Collection<String> dns) {
            dns.forEach(resolved::remove);
        }

        private boolean inBook(String dn) {
            return dn.equals(base) || dn.endsWith("," + base);
        }

        private TrackedCard render(String dn, Entry entry) {
            resolved.put(dn, Optional.of(entry.name()));
            Set<String> names = new LinkedHashSet<>();
            for (String ref : entry.refs()) {
                resolved.computeIfAbsent(ref, r -> Optional.ofNullable(entries.get(r))
                        .filter(e -> inBook(r)).map(Entry::name)).ifPresent(names::add);
            }
            String etag = "\"" + entry.content() + "|" + String.join("+", names) + "\"";
            return new TrackedCard(new FakeCard(new CardSummary(entry.name(), etag, Optional.empty())), dn,
                    new HashSet<>(entry.refs()));
        }
    }

    /** A card as far as change tracking sees it: its summary. */
    record FakeCard(CardSummary summary) implements Card {
        @Override
        public String uid() {
            return summary.name();
        }

        @Override
        public String formattedName() {
            return summary.name();
        }

        @Override
        public List<CardProperty> properties() {
            return List.of();
        }

        @Override
        public byte[] render(CardFormat format, PropertySelection selection) {
            return new byte[0];
        }
    }
}
