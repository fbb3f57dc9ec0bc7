package org.galdav.book;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings a {@link CardIndex} up to date with a batch of changed DNs from a change feed: re-reads the
 * entries at those DNs (or below them, for OUs renamed or moved, whose entries feeds do not report one by
 * one), finds cards that moved away or disappeared, and re-renders the cards that name a DN whose card
 * appeared, disappeared or moved (a group whose member left, a report whose manager was renamed). Not
 * thread-safe; the tracker calls it under its lock.
 */
final class ChangeApplier {
    private final TrackedSource source;

    ChangeApplier(TrackedSource source) {
        this.source = source;
    }

    /**
     * Applies the changes at {@code touched} (normalized DNs) to the index.
     *
     * @param changed told the names of the cards that changed or were removed, also when applying fails
     *                half-way: cached copies of what was already applied must go
     * @return the names of the cards that changed or were removed
     */
    Set<String> apply(CardIndex index, Set<String> touched, Consumer<Set<String>> changed) throws IOException {
        source.forget(touched);
        Batch batch = new Batch(index);
        try {
            batch.apply(touched);
        } finally {
            if (!batch.changed.isEmpty()) {
                changed.accept(Set.copyOf(batch.changed));
            }
        }
        return Set.copyOf(batch.changed);
    }

    /** The state of one batch: what changed, what is settled, and what must be looked at again. */
    private final class Batch {
        private final CardIndex index;
        /** Cards added, changed or removed. */
        private final Set<String> changed = new HashSet<>();
        /** Cards read in this batch: their state is final. */
        private final Set<String> settled = new HashSet<>();
        /** DNs where a card appeared, disappeared or was replaced: cards naming them may render differently. */
        private final Set<String> reassigned = new HashSet<>();
        /** Cards that were at a touched DN and are not there now: moved elsewhere, or gone. */
        private final Set<String> lookUp = new HashSet<>();

        Batch(CardIndex index) {
            this.index = index;
        }

        void apply(Set<String> touched) throws IOException {
            for (String dn : touched) {
                Optional<String> previous = index.nameAt(dn);
                if (previous.isPresent()) {
                    rereadCard(dn, previous.get());
                } else {
                    rereadBelow(dn);
                }
            }
            lookUp.removeAll(settled);
            refresh(lookUp, reassigned);
            source.forget(reassigned);
            Set<String> dependents = new HashSet<>();
            for (String dn : reassigned) {
                dependents.addAll(index.referrersOf(dn));
            }
            dependents.removeAll(settled);
            refresh(dependents, new HashSet<>());
        }

        /** A card's DN changed: the entry is read again there. */
        private void rereadCard(String dn, String previous) {
            Optional<TrackedCard> now = source.readAt(dn);
            if (now.isPresent()) {
                found(now.get(), previous);
            } else {
                reassigned.add(dn);
                lookUp.add(previous);
            }
        }

        /**
         * Not a card's DN: a new entry, or an OU renamed, moved in or out. What is below it now is read;
         * cards that were below it and are not any more are looked up by name.
         */
        private void rereadBelow(String dn) throws IOException {
            List<String> wereBelow = index.cardDnsBelow(dn);
            Set<String> seen = new HashSet<>();
            source.readBelow(dn, card -> {
                seen.add(card.dn());
                found(card, index.nameAt(card.dn()).orElse(null));
            });
            for (String below : wereBelow) {
                if (!seen.contains(below)) {
                    index.nameAt(below).ifPresent(name -> {
                        reassigned.add(below);
                        lookUp.add(name);
                    });
                }
            }
        }

        /** A card read at its DN now, where {@code previous} (maybe null) was the card known at that DN. */
        private void found(TrackedCard card, String previous) {
            String name = card.card().name();
            index.card(name).filter(moved -> !moved.dn().equals(card.dn()))
                    .ifPresent(moved -> reassigned.add(moved.dn()));
            if (!name.equals(previous)) {
                reassigned.add(card.dn());
                if (previous != null) {
                    lookUp.add(previous);
                }
            }
            if (index.put(card)) {
                changed.add(name);
            }
            settled.add(name);
        }

        /** Re-reads cards by name: each is updated, or removed when the directory no longer has it. */
        private void refresh(Set<String> names, Set<String> newlyReassigned) {
            if (names.isEmpty()) {
                return;
            }
            Map<String, TrackedCard> found = source.findTracked(names);
            for (String name : names) {
                TrackedCard now = found.get(name);
                Optional<CardIndex.Held> before = index.card(name);
                if (now == null) {
                    if (before.isPresent()) {
                        index.remove(name);
                        newlyReassigned.add(before.get().dn());
                        changed.add(name);
                    }
                } else {
                    if (before.isPresent() && !before.get().dn().equals(now.dn())) {
                        newlyReassigned.add(before.get().dn());
                        newlyReassigned.add(now.dn());
                    }
                    if (index.put(now)) {
                        changed.add(name);
                    }
                }
                settled.add(name);
            }
        }
    }
}
