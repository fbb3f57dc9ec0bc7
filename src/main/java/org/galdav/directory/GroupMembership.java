package org.galdav.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.unboundid.ldap.sdk.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.galdav.core.TimeSource;

/**
 * Whether a user is a member of a group, nested groups included. It searches upwards: the groups that
 * list the user, then the groups that list those, and so on (bounded depth, cycles ignored), so the
 * cost is a few searches however large the groups are. Works the same on every directory (no memberOf
 * overlay or AD matching rule needed). Answers are remembered for a while.
 *
 * <p>Thread-safe: the cache computes one walk per user at a time. A directory that is down throws
 * {@link org.galdav.core.SourceUnavailableException} and nothing is remembered; a search the server
 * cuts short with a limit leaves the groups it did not return out of the answer.
 */
public final class GroupMembership {
    private static final int MAX_DEPTH = 10;
    private static final int CHUNK = 50;
    private static final String[] NO_ATTRIBUTES = {"1.1"};

    private final Directory directory;
    private final String baseDn;
    private final Cache<String, Set<String>> groupsOfUser;

    public GroupMembership(Directory directory, String baseDn, Duration ttl, TimeSource time) {
        this.directory = directory;
        this.baseDn = baseDn;
        this.groupsOfUser = Caffeine.newBuilder().ticker(time::nanoTime).expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    public boolean isMember(String userDn, String groupDn) {
        if (userDn.isEmpty()) {
            return false;
        }
        return groupsOfUser.get(DistinguishedNames.normalized(userDn), k -> groupsOf(userDn)).contains(DistinguishedNames.normalized(groupDn));
    }

    /** Every group the user is in, directly or through other groups; one walk per user, remembered. */
    private Set<String> groupsOf(String userDn) {
        Set<String> seen = new HashSet<>();
        List<String> frontier = List.of(userDn);
        for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (int from = 0; from < frontier.size(); from += CHUNK) {
                List<Filter> any = new ArrayList<>();
                for (String dn : frontier.subList(from, Math.min(frontier.size(), from + CHUNK))) {
                    any.add(Filter.createEqualityFilter("member", dn));
                    any.add(Filter.createEqualityFilter("uniqueMember", dn));
                }
                directory.search(baseDn, Filter.createORFilter(any), NO_ATTRIBUTES, entry -> {
                    String dn = DistinguishedNames.normalized(entry.getDN());
                    if (seen.add(dn)) {
                        next.add(entry.getDN());
                    }
                    return true;
                });
            }
            frontier = next;
        }
        return Set.copyOf(seen);
    }
}
