package org.galdav.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The change log of draft-good-ldap-changelog ({@code cn=changelog}, numbered change records): 389-DS's
 * retro changelog plugin, Oracle/Sun directories, UnboundID's in-memory server. The position is the
 * last change number; a poll reads the records after it, which name the target DN of each add, modify,
 * delete and rename (with the new RDN and superior). Change numbers belong to one server, so a poll
 * runs on one connection and the position is tied to the server it was taken on.
 */
final class ChangelogFeed implements ChangeFeed {
    private static final String[] RECORD_ATTRIBUTES = {"changeNumber", "targetDN", "changeType", "newRDN",
            "newSuperior"};

    private final Connections connections;
    private final PagedSearch paging;
    private final String baseDn;
    private String server;
    private long position = -1;

    ChangelogFeed(Connections connections, PagedSearch paging, String baseDn) {
        this.connections = connections;
        this.paging = paging;
        this.baseDn = baseDn;
    }

    @Override
    public String kind() {
        return "changelog";
    }

    /** Where the log stood: the server it was read on and its last change number. */
    private record Position(String server, long last) {
    }

    @Override
    public synchronized void start() throws ChangeTrackingUnavailableException {
        position = -1;
        Position now = run(connection -> {
            Numbers numbers = numbers(connection);
            if (numbers.last() > 0 && records(connection, numbers.changelogDn(), numbers.last(), numbers.last(),
                    new HashSet<>()) == 0) {
                // Records hidden by access controls would make changes go unseen: better not to use the log.
                throw new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "the service account cannot read "
                        + "change " + numbers.last() + " in " + numbers.changelogDn());
            }
            return new Position(serverOf(connection), numbers.last());
        });
        server = now.server();
        position = now.last();
    }

    @Override
    public synchronized Set<String> poll() throws ChangeTrackingUnavailableException {
        if (position < 0) {
            throw new ChangeTrackingUnavailableException("not started");
        }
        Set<String> touched = new HashSet<>();
        long reached = run(connection -> {
            if (!serverOf(connection).equals(server)) {
                throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "now connected to " + serverOf(connection)
                        + "; change numbers of " + server + " do not apply");
            }
            Numbers now = numbers(connection);
            if (now.last() == position) {
                return position;
            }
            if (now.last() < position || (now.first() > position + 1 && now.first() > 0)) {
                // The log was reset (a new server) or trimmed past our position: changes in between are lost.
                throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "the change log no longer reaches back to "
                        + "change " + (position + 1) + " (first " + now.first() + ", last " + now.last() + ")");
            }
            long read = records(connection, now.changelogDn(), position + 1, now.last(), touched);
            if (read < now.last() - position) {
                // Change numbers are consecutive: a missing record was trimmed meanwhile or is not readable.
                throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "read " + read + " of the "
                        + (now.last() - position) + " change records after " + position);
            }
            return now.last();
        });
        position = reached;
        return touched;
    }

    /** Runs on one pooled connection; answers that make the log unusable become ChangeTrackingUnavailable. */
    private <T> T run(Connections.ConnectionWork<T> work) throws ChangeTrackingUnavailableException {
        try {
            return connections.withConnection("change log", work);
        } catch (LDAPException e) {
            throw new ChangeTrackingUnavailableException(Optional.ofNullable(e.getDiagnosticMessage())
                    .orElse(e.getResultCode().toString()), e);
        }
    }

    /** Reads the records numbered from..to, adding the DNs they touch; returns how many were read. */
    private long records(LDAPConnection connection, String changelogDn, long from, long to, Set<String> touched)
            throws LDAPException {
        Filter range = Filter.createANDFilter(
                Filter.createGreaterOrEqualFilter("changeNumber", Long.toString(from)),
                Filter.createLessOrEqualFilter("changeNumber", Long.toString(to)));
        RecordsInRange records = new RecordsInRange(from, to, touched);
        paging.everyEntry(connection, changelogDn, range, RECORD_ATTRIBUTES, List.of(), records);
        return records.count;
    }

    /** Takes the records numbered from..to (a server may match numbers as text), counting them. */
    private final class RecordsInRange implements Consumer<SearchResultEntry> {
        private final long from;
        private final long to;
        private final Set<String> touched;
        private long count;

        RecordsInRange(long from, long to, Set<String> touched) {
            this.from = from;
            this.to = to;
            this.touched = touched;
        }

        @Override
        public void accept(SearchResultEntry record) {
            long number = number(record.getAttributeValue("changeNumber"));
            if (number >= from && number <= to) {
                count++;
                touched.addAll(dnsOf(record));
            }
        }
    }

    /** The DNs a change record touches: its target, and for a rename the entry's new DN. */
    private Set<String> dnsOf(Entry record) {
        Set<String> dns = new HashSet<>();
        String target = record.getAttributeValue("targetDN");
        if (target == null) {
            return dns;
        }
        dns.add(DistinguishedNames.normalized(target));
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

    private Numbers numbers(LDAPConnection connection) throws LDAPException {
        RootDSE root = connection.getRootDSE();
        String changelog = root == null ? null : root.getAttributeValue("changelog");
        String last = root == null ? null : root.getAttributeValue("lastChangeNumber");
        if (changelog == null || last == null) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "the directory publishes no change log "
                    + "(changelog, lastChangeNumber in the root DSE) for " + baseDn);
        }
        return new Numbers(changelog, number(root.getAttributeValue("firstChangeNumber")), number(last));
    }

    private static String serverOf(LDAPConnection connection) {
        // The address, not the host name: behind round-robin DNS one name stands for several servers.
        return connection.getConnectedIPAddress() + ":" + connection.getConnectedPort();
    }

    private static long number(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
