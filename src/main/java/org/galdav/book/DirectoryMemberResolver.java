package org.galdav.book;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.MemberResolver;

/**
 * Resolves member DNs to card UIDs by reading each member's id attribute, remembering answers for a
 * while: a 1,000-member group costs 1,000 base-scope reads once, not on every rendering. Members
 * outside the book's base or filter are left out.
 */
final class DirectoryMemberResolver implements MemberResolver {
    private final Directory directory;
    private final DN base;
    private final EntryMapper mapper;
    private final Cache<String, Optional<String>> uids;

    DirectoryMemberResolver(Directory directory, String baseDn, EntryMapper mapper, TimeSource time) {
        this.uids = Caffeine.newBuilder().ticker(time::nanoTime).executor(Runnable::run).maximumSize(200_000)
                .expireAfterWrite(Duration.ofMinutes(10)).build();
        this.directory = directory;
        this.mapper = mapper;
        try {
            this.base = new DN(baseDn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("invalid base DN " + baseDn, e);
        }
    }

    @Override
    public List<String> uidsOf(List<String> memberDns) {
        Set<String> out = new LinkedHashSet<>(memberDns.size() * 2);
        for (String dn : memberDns) {
            uids.get(DirectoryCards.dnKey(dn), this::lookup).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** Forgets every DN: a full listing starts from what the directory holds now (people may be gone). */
    void forgetAll() {
        uids.invalidateAll();
    }

    /** Forgets one DN (normalized): its entry was changed, moved or deleted. */
    void forget(String dn) {
        uids.invalidate(dn);
    }

    /** Records an entry seen by another search, so that groups listed later need no extra reads. */
    void remember(String normalizedDn, String id) {
        if (normalizedDn.isEmpty()) {
            return;
        }
        // A listing learns every id first and then meets each entry again: a read, not a second write (writes
        // cost the cache's upkeep, a fifth of mapping a listing's entries).
        Optional<String> known = uids.getIfPresent(normalizedDn);
        if (known == null || !known.equals(Optional.of(id))) {
            uids.put(normalizedDn, Optional.of(id));
        }
    }

    private Optional<String> lookup(String dn) {
        try {
            if (dn.isEmpty() || !new DN(dn).isDescendantOf(base, true)) {
                return Optional.empty();
            }
        } catch (LDAPException e) {
            return Optional.empty();
        }
        // Strict: a transient failure must not be remembered as "not in the book" (it would drop a member).
        return directory.readConfirmingAbsence(dn, mapper.mapping().entryFilter(), new String[] {mapper.mapping().idAttribute()})
                .flatMap(mapper::idOf);
    }
}
