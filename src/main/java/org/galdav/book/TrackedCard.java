package org.galdav.book;

import java.util.Set;
import org.galdav.core.Card;

/**
 * A card with where it came from: its entry's DN, and the DNs its content was resolved from (group
 * members, manager), so that a change to one of those can re-render it.
 *
 * @param dn        the entry's normalized DN
 * @param dependsOn normalized DNs the rendering looked up
 */
record TrackedCard(Card card, String dn, Set<String> dependsOn) {
    TrackedCard {
        dependsOn = Set.copyOf(dependsOn);
    }
}
