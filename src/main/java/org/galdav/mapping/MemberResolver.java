package org.galdav.mapping;

import java.util.List;

/** Finds the card UIDs of group members, given their DNs; members outside the book are left out. */
@FunctionalInterface
public interface MemberResolver {
    List<String> uidsOf(List<String> memberDns);

    MemberResolver NONE = dns -> List.of();
}
