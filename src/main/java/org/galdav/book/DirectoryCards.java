package org.galdav.book;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.galdav.core.CardSink;
import org.galdav.core.Deadline;
import org.galdav.core.DeadlineExceededException;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.directory.Directory;
import org.galdav.directory.DistinguishedNames;
import org.galdav.directory.EntryHandler;
import org.galdav.directory.SearchOutcome;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.MemberResolver;
import org.galdav.vcard.RenderedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A book's cards as the directory holds them, each with its DN and the DNs it was resolved from: paged,
 * streamed searches of the book's subtree, entries mapped and rendered one by one, group members resolved
 * (and remembered) through {@link DirectoryMemberResolver}. Listings and lookups are complete or fail. The
 * {@link TrackedSource} change tracking reads, and what {@link LdapAddressBook} searches. Thread-safe.
 */
final class DirectoryCards implements TrackedSource {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCards.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+=-]{0,199}");
    private static final int LOOKUP_CHUNK = 50;
    /** Page size of the search for every card's id: its entries are small. */
    private static final int LEARN_PAGE = 2_000;

    /** Hands on one card; false stops the search. */
    interface CardHandler {
        boolean accept(TrackedCard card) throws IOException;
    }

    private final String book;
    private final Directory directory;
    private final String baseDn;
    private final EntryMapper mapper;
    private final DirectoryMemberResolver members;

    /** @param book the book's id, for messages */
    DirectoryCards(String book, Directory directory, String baseDn, EntryMapper mapper, TimeSource time) {
        this.book = book;
        this.directory = directory;
        this.baseDn = baseDn;
        this.mapper = mapper;
        this.members = new DirectoryMemberResolver(directory, baseDn, mapper, time);
    }

    @Override
    public String baseDn() {
        return DistinguishedNames.normalized(baseDn);
    }

    @Override
    public Map<String, TrackedCard> findTracked(Collection<String> names) {
        // Sets, not lists: a multiget may name thousands of cards, and lookups must stay linear.
        Set<String> wanted = new HashSet<>(names);
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            if (name.endsWith(".vcf")) {
                String id = name.substring(0, name.length() - 4);
                if (ID.matcher(id).matches()) {
                    unique.add(id);
                }
            }
        }
        List<String> ids = new ArrayList<>(unique);
        Map<String, TrackedCard> found = new HashMap<>();
        String idAttribute = mapper.mapping().idAttribute();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            Deadline.current().check();
            List<Filter> any = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)).stream()
                    .flatMap(id -> mapper.mapping().idFormat().equality(idAttribute, id).stream()).toList();
            if (any.isEmpty()) {
                continue;
            }
            Filter filter = Filter.createANDFilter(mapper.mapping().entryFilter(), Filter.createORFilter(any));
            SearchOutcome outcome;
            try {
                outcome = stream(filter, false, LOOKUP_CHUNK, tracked -> {
                    if (wanted.contains(tracked.card().name())) {
                        found.put(tracked.card().name(), tracked);
                    }
                    return true;
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!outcome.complete()) {
                // A lookup cut short must not pass for "these cards do not exist".
                throw new SourceUnavailableException("address book " + book + ": a lookup of " + any.size()
                        + " cards ended early (size or time limit)", null);
            }
        }
        return found;
    }

    @Override
    public void scanTracked(CardSink<TrackedCard> sink) throws IOException {
        // Group cards must not name members deleted since they were last seen: start afresh.
        members.forgetAll();
        if (mapper.mapping().resolvesOtherEntries()) {
            learnEveryId();
        }
        streamComplete(baseDn, sink);
    }

    /**
     * One light search for the DN and id of every card, so that resolving managers and group members while
     * listing needs no read per person named (5,258 reads one after another at 100,000 people: most of a
     * cold listing's time). A DN it missed is still read when named; nothing is concluded from its absence.
     */
    private void learnEveryId() throws IOException {
        String id = mapper.mapping().idAttribute();
        EntryHandler learn = entry -> {
            mapper.idOf(entry).ifPresent(known -> members.remember(dnKey(entry.getDN()), known));
            return true;
        };
        String[] attributes = {id};
        try {
            if (isUuid(id)) {
                directory.searchAll(baseDn, mapper.mapping().entryFilter(), attributes, id, LEARN_PAGE, learn);
            } else {
                directory.search(baseDn, mapper.mapping().entryFilter(), attributes, LEARN_PAGE, learn);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Every card at or below {@code base}. A listing cut short would make sync clients delete the missing
     * people, so it fails instead.
     */
    private void streamComplete(String base, CardSink<TrackedCard> sink) throws IOException {
        SearchOutcome outcome = stream(base, mapper.mapping().entryFilter(), true, Integer.MAX_VALUE, true, tracked -> {
            sink.accept(tracked);
            return true;
        });
        if (!outcome.complete()) {
            throw new SourceUnavailableException("address book " + book + ": the directory ended the listing below "
                    + base + " after " + outcome.entries() + " entries (size or time limit); give the service account "
                    + "higher limits", null);
        }
    }

    /** Empty also when the entry is outside the book's base, or the book's filter leaves it out. */
    @Override
    public Optional<TrackedCard> readAt(String dn) {
        if (!isInBase(dn)) {
            return Optional.empty();
        }
        return directory.readConfirmingAbsence(dn, mapper.mapping().entryFilter(), mapper.mapping().requestedAttributes())
                .flatMap(this::tracked);
    }

    /** Nothing outside the book's base is read. */
    @Override
    public void readBelow(String dn, CardSink<TrackedCard> sink) throws IOException {
        if (isInBase(dn)) {
            streamComplete(dn, sink);
        }
    }

    private boolean isInBase(String dn) {
        return DistinguishedNames.isAtOrBelow(dn, baseDn);
    }

    @Override
    public void forget(Collection<String> dns) {
        dns.forEach(members::forget);
    }

    /** Range splitting needs UUID-valued ids with an ordering rule; entryUUID has both (RFC 4530). */
    private static boolean isUuid(String attribute) {
        return attribute.equalsIgnoreCase("entryUUID");
    }

    /** The card of an entry, noting every DN its rendering asked about (members, manager). */
    private Optional<TrackedCard> tracked(Entry entry) {
        String dn = dnKey(entry.getDN());
        mapper.idOf(entry).ifPresent(id -> members.remember(dn, id));
        Set<String> dependsOn = new HashSet<>();
        MemberResolver recording = dns -> {
            for (String named : dns) {
                dependsOn.add(dnKey(named));
            }
            return members.uidsOf(dns);
        };
        try {
            return mapper.map(entry, recording).map(m -> new TrackedCard(
                    RenderedCard.of(m, mapper.mapping().fingerprint()), dn, dependsOn));
        } catch (SourceUnavailableException | DeadlineExceededException e) {
            throw e; // the directory failed or the request's time ran out (resolving members): not this entry's fault
        } catch (RuntimeException e) {
            LOG.warn("entry {} could not be turned into a card and is left out: {}", entry.getDN(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * A DN as the index, the member resolver and the referrers keep it: normalized, and one String instance
     * for each DN however often it is named (a person's DN is held by their card, by every group naming them
     * and by the member cache; at 100,000 people the copies cost tens of MB).
     */
    static String dnKey(String dn) {
        return DistinguishedNames.normalized(dn).intern();
    }

    /**
     * Cards matching a filter in the book's subtree, as the directory returns them.
     *
     * @param whole when true, fetch past server size limits (see {@link Directory#searchAll})
     */
    SearchOutcome stream(Filter filter, boolean whole, int pageSize, CardHandler handler) throws IOException {
        return stream(baseDn, filter, whole, pageSize, false, handler);
    }

    /**
     * @param parallel map on every core ({@link OrderedMapping}): for listings, which take every entry; a
     *                 query or lookup that stops after a page must not have the next ones mapped ahead
     */
    private SearchOutcome stream(String base, Filter filter, boolean whole, int pageSize, boolean parallel,
                                 CardHandler handler) throws IOException {
        OrderedMapping ordered = parallel ? new OrderedMapping(this::tracked, handler) : null;
        EntryHandler entries = entry -> {
            try {
                if (ordered != null) {
                    return ordered.accept(entry);
                }
                Optional<TrackedCard> card = tracked(entry);
                return card.isEmpty() || handler.accept(card.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        String[] attributes = mapper.mapping().requestedAttributes();
        String id = mapper.mapping().idAttribute();
        boolean done = false;
        try {
            SearchOutcome outcome = whole && isUuid(id)
                    ? directory.searchAll(base, filter, attributes, id, pageSize, entries)
                    : directory.search(base, filter, attributes, pageSize, entries);
            if (ordered != null) {
                ordered.finish();
            }
            done = true;
            return outcome;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (ordered != null && !done) {
                ordered.abandon();
            }
        }
    }
}
