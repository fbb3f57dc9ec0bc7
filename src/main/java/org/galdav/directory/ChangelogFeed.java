package org.galdav.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.RootDSE;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The change log of draft-good-ldap-changelog ({@code cn=changelog}, numbered change records): 389-DS's
 * retro changelog plugin, Oracle/Sun directories, UnboundID's in-memory server. The position is the
 * last change number; a poll reads the records after it, which name the target DN of each add, modify,
 * delete and rename (with the new RDN and superior).
 */
final class ChangelogFeed implements ChangeFeed {
    private static final String[] RECORD_ATTRIBUTES = {"changeNumber", "targetDN", "changeType", "newRDN",
            "newSuperior"};

    private final Directory directory;
    private final String baseDn;
    private long position = -1;

    ChangelogFeed(Directory directory, String baseDn) {
        this.directory = directory;
        this.baseDn = baseDn;
    }

    @Override
    public String kind() {
        return "changelog";
    }

    @Override
    public synchronized void start() throws ChangeTrackingUnavailableException {
        Numbers now = numbers();
        if (now.last() > 0 && records(now.changelogDn(), now.last(), now.last(), new HashSet<>()) == 0) {
            // Records hidden by access controls would make changes go unseen: better not to use the log.
            throw new ChangeTrackingUnavailableException("the service account cannot read change " + now.last()
                    + " in " + now.changelogDn());
        }
        position = now.last();
    }

    @Override
    public synchronized Changes poll() throws ChangeTrackingUnavailableException {
        if (position < 0) {
            throw new ChangeTrackingUnavailableException("not started");
        }
        Numbers now = numbers();
        if (now.last() == position) {
            return new Changes(Set.of(), 0, 0);
        }
        if (now.last() < position || (now.first() > position + 1 && now.first() > 0)) {
            // The log was reset (a new server) or trimmed past our position: changes in between are lost.
            throw new ChangeTrackingUnavailableException("the change log no longer reaches back to change "
                    + (position + 1) + " (first " + now.first() + ", last " + now.last() + ")");
        }
        Set<String> touched = new HashSet<>();
        long read = records(now.changelogDn(), position + 1, now.last(), touched);
        if (read < now.last() - position) {
            // Change numbers are consecutive: a missing record was trimmed meanwhile or is not readable.
            throw new ChangeTrackingUnavailableException("read " + read + " of the " + (now.last() - position)
                    + " change records after " + position);
        }
        position = now.last();
        return new Changes(touched, read, 0);
    }

    /** Reads the records numbered from..to, adding the DNs they touch; returns how many were read. */
    private long records(String changelogDn, long from, long to, Set<String> touched)
            throws ChangeTrackingUnavailableException {
        Filter range = Filter.createANDFilter(
                Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(from)),
                Filter.createLessOrEqualFilter("changeNumber", Long.toString(to)));
        long[] inRange = {0};
        SearchOutcome outcome = directory.search(changelogDn, range, RECORD_ATTRIBUTES, record -> {
            long number = number(record.getAttributeValue("changeNumber"));
            if (number >= from && number <= to) {
                inRange[0]++;
                touched.addAll(dnsOf(record));
            }
            return true;
        });
        if (!outcome.complete()) {
            throw new ChangeTrackingUnavailableException("reading the change log ended early after "
                    + outcome.entries() + " records");
        }
        return inRange[0];
    }

    /** The DNs a change record touches: its target, and for a rename the entry's new DN. */
    private Set<String> dnsOf(Entry record) {
        Set<String> dns = new HashSet<>();
        String target = record.getAttributeValue("targetDN");
        if (target == null) {
            return dns;
        }
        dns.add(SyncReplFeed.normalized(target));
        String type = Optional.ofNullable(record.getAttributeValue("changeType")).orElse("").toLowerCase(Locale.ROOT);
        String newRdn = record.getAttributeValue("newRDN");
        if ((type.equals("modrdn") || type.equals("moddn")) && newRdn != null) {
            try {
                DN old = new DN(target);
                String superior = record.getAttributeValue("newSuperior");
                DN parent = superior != null ? new DN(superior) : old.getParent();
                dns.add(new DN(new RDN(newRdn), parent).toNormalizedString());
            } catch (LDAPException e) {
                // An unparsable record: the old DN is still reported.
            }
        }
        return dns;
    }

    private record Numbers(String changelogDn, long first, long last) {
    }

    private Numbers numbers() throws ChangeTrackingUnavailableException {
        RootDSE root = directory.rootDse().orElseThrow(
                () -> new ChangeTrackingUnavailableException("the root DSE cannot be read"));
        String changelog = root.getAttributeValue("changelog");
        String last = root.getAttributeValue("lastChangeNumber");
        if (changelog == null || last == null) {
            throw new ChangeTrackingUnavailableException("the directory publishes no change log (changelog, "
                    + "lastChangeNumber in the root DSE) for " + baseDn);
        }
        return new Numbers(changelog, number(root.getAttributeValue("firstChangeNumber")), number(last));
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
