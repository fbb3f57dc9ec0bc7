package org.galdav.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a subtree search where the server caps even paged searches below the result size
 * (OpenLDAP's plain {@code sizelimit} does): after the first search hits the limit, the rest is fetched
 * in disjoint ranges of a UUID attribute ({@link UuidRanges}), each split further while it is still
 * too large. Entries delivered before the limit struck are remembered (up to a bound) so that none is
 * delivered twice. It does no I/O of its own: the searches are the caller's {@link Subtree}.
 *
 * <p>Thread-safe: immutable; the state of a search lives in that call.
 *
 * <p>Failures: whatever the {@link Subtree} throws passes through; a listing that stays incomplete (a
 * range still over the limit at the finest split, more entries before the limit than can be remembered,
 * the handler stopped) is an outcome that is not {@link SearchOutcome#complete()}.
 */
final class UuidRangeSplitter {
    private static final Logger LOG = LoggerFactory.getLogger(UuidRangeSplitter.class);
    /** Most entries remembered to avoid duplicates when a size limit forces range splitting. */
    static final int MAX_REMEMBERED = 100_000;

    /** One subtree search below the caller's base, with the caller's attributes and page size. */
    @FunctionalInterface
    interface Subtree {
        SearchOutcome search(Filter filter, EntryHandler handler);
    }

    private final Subtree subtree;
    private final int maxRemembered;

    UuidRangeSplitter(Subtree subtree) {
        this(subtree, MAX_REMEMBERED);
    }

    /** @param maxRemembered how many DNs of the first search are kept; past it, splitting is not tried */
    UuidRangeSplitter(Subtree subtree, int maxRemembered) {
        this.subtree = subtree;
        this.maxRemembered = maxRemembered;
    }

    /**
     * Every entry matching {@code filter}, each once, ranges of {@code uuidAttribute} fetched where the
     * server's size limit cut the whole search short.
     *
     * @param baseDn for the log only: the searches are the {@link Subtree}'s
     */
    SearchOutcome searchAll(String baseDn, Filter filter, String uuidAttribute, EntryHandler handler) {
        Set<String> seen = new HashSet<>();
        SearchOutcome first = subtree.search(filter, entry -> {
            if (seen.size() <= maxRemembered) {
                seen.add(entry.getDN());
            }
            return handler.accept(entry);
        });
        if (!first.limited() || seen.size() > maxRemembered) {
            return first;
        }
        LOG.info("search below {} hit the server's size limit after {} entries; fetching the rest in {} ranges",
                baseDn, first.entries(), uuidAttribute);
        Ranges rest = new Split(filter, uuidAttribute, seen, handler).below("");
        return new SearchOutcome(first.entries() + rest.entries(), first.pages() + rest.pages(), rest.complete(),
                !rest.complete());
    }

    /** What the searches of some ranges brought. */
    private record Ranges(long entries, int pages, boolean complete, boolean stopped) {
    }

    /** One search's walk through the ranges. */
    private final class Split {
        private final Filter filter;
        private final String uuidAttribute;
        /** DNs already handed over: not again. */
        private final Set<String> seen;
        private final EntryHandler handler;

        Split(Filter filter, String uuidAttribute, Set<String> seen, EntryHandler handler) {
            this.filter = filter;
            this.uuidAttribute = uuidAttribute;
            this.seen = seen;
            this.handler = handler;
        }

        /** Searches the sixteen ranges below {@code prefix}, splitting each that is still over the limit. */
        Ranges below(String prefix) {
            long entries = 0;
            int pages = 0;
            boolean complete = true;
            for (String range : UuidRanges.children(prefix)) {
                RangeHandler inRange = new RangeHandler(seen, handler);
                SearchOutcome outcome = subtree.search(Filter.createANDFilter(filter,
                        UuidRanges.range(uuidAttribute, range)), inRange);
                entries += inRange.handedOver;
                pages += outcome.pages();
                if (inRange.stopped) {
                    return new Ranges(entries, pages, false, true);
                }
                if (outcome.limited()) {
                    if (range.length() >= UuidRanges.MAX_PREFIX) {
                        LOG.warn("range {} of {} is still over the server's size limit; entries are missing", range,
                                uuidAttribute);
                        complete = false;
                        continue;
                    }
                    seen.addAll(inRange.arrived);
                    Ranges split = below(range);
                    entries += split.entries();
                    pages += split.pages();
                    if (split.stopped()) {
                        return new Ranges(entries, pages, false, true);
                    }
                    complete &= split.complete();
                }
            }
            return new Ranges(entries, pages, complete, false);
        }
    }

    /** One range's search: skips what was handed over before, notes what arrived and whether to stop. */
    private static final class RangeHandler implements EntryHandler {
        private final Set<String> seen;
        private final EntryHandler handler;
        private final Set<String> arrived = new HashSet<>();
        private long handedOver;
        private boolean stopped;

        RangeHandler(Set<String> seen, EntryHandler handler) {
            this.seen = seen;
            this.handler = handler;
        }

        @Override
        public boolean accept(SearchResultEntry entry) {
            String dn = entry.getDN();
            arrived.add(dn);
            if (seen.contains(dn)) {
                return true;
            }
            handedOver++;
            boolean more = handler.accept(entry);
            stopped = !more;
            return more;
        }
    }
}
