package org.galdav.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.IntermediateResponse;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ContentSyncDoneControl;
import com.unboundid.ldap.sdk.controls.ContentSyncInfoIntermediateResponse;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestControl;
import com.unboundid.ldap.sdk.controls.ContentSyncRequestMode;
import com.unboundid.ldap.sdk.controls.ContentSyncStateControl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * RFC 4533 content synchronization in refreshOnly mode (OpenLDAP's syncprov overlay; 389-DS's
 * content synchronization plugin). Each poll is one search carrying the last cookie; the server
 * answers with the entries changed since, and tells deletions either directly (from its session log)
 * or through a present phase that lists every unchanged entry by UUID only. Deletions name entries by
 * UUID, so the feed keeps UUID → DN for the subtree (about 100 bytes per entry).
 */
final class SyncReplFeed implements ChangeFeed {
    private static final Filter EVERYTHING = Filter.createPresenceFilter("objectClass");

    private final Connections connections;
    private final SearchTimer timer;
    private final String baseDn;
    private final Map<UUID, String> dnByUuid = new HashMap<>();
    private ASN1OctetString cookie;

    SyncReplFeed(Connections connections, SearchTimer timer, String baseDn) {
        this.connections = connections;
        this.timer = timer;
        this.baseDn = baseDn;
    }

    @Override
    public String kind() {
        return "syncrepl";
    }

    @Override
    public synchronized void start() throws ChangeTrackingUnavailableException {
        dnByUuid.clear();
        cookie = null;
        // The initial refresh lists every entry, names only: that is where deletions will be named from.
        Round round = refresh(null);
        round.changed.forEach(dnByUuid::put);
        cookie = round.cookie;
    }

    @Override
    public synchronized Set<String> poll() throws ChangeTrackingUnavailableException {
        if (cookie == null) {
            throw new ChangeTrackingUnavailableException("not started");
        }
        Round round = refresh(cookie);
        Set<String> touched = new HashSet<>();
        Set<UUID> deleted = new HashSet<>(round.deleted);
        if (round.presentPhase) {
            // RFC 4533 §3.3.1: after a present phase, whatever was neither present nor changed is gone.
            for (UUID known : dnByUuid.keySet()) {
                if (!round.present.contains(known) && !round.changed.containsKey(known)) {
                    deleted.add(known);
                }
            }
        }
        for (UUID uuid : deleted) {
            String old = dnByUuid.remove(uuid);
            if (old != null) {
                touched.add(old);
            }
        }
        round.changed.forEach((uuid, dn) -> {
            String old = dnByUuid.put(uuid, dn);
            if (old != null && !old.equals(dn)) {
                touched.add(old); // a rename or move: the old DN is vacated
                // An OU renamed or moved: syncprov does not send the entries below it, whose DNs changed too.
                moveDescendants(dnByUuid, old, dn);
            }
            touched.add(dn);
        });
        if (round.cookie != null) {
            cookie = round.cookie;
        }
        return touched;
    }

    /** What one refreshOnly search told. */
    private static final class Round {
        final Map<UUID, String> changed = new HashMap<>();
        final Set<UUID> present = new HashSet<>();
        final Set<UUID> deleted = new HashSet<>();
        boolean presentPhase;
        ASN1OctetString cookie;
        /** Entries, deletion notices and present notices (a name each, no attributes): all that arrived. */
        long received;
        /** A sync state control that could not be read: the round cannot be trusted. */
        RuntimeException failure;
    }

    private Round refresh(ASN1OctetString from) throws ChangeTrackingUnavailableException {
        Round round = new Round();
        SearchResultListener listener = new SearchResultListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
                round.received++;
                try {
                    ContentSyncStateControl state = ContentSyncStateControl.get(entry);
                    if (state == null) {
                        return;
                    }
                    switch (state.getState()) {
                        case ADD, MODIFY -> round.changed.put(state.getEntryUUID(), DistinguishedNames.normalized(entry.getDN()));
                        case PRESENT -> {
                            round.present.add(state.getEntryUUID());
                            round.presentPhase = true;
                        }
                        case DELETE -> round.deleted.add(state.getEntryUUID());
                        default -> { }
                    }
                    if (state.getCookie() != null) {
                        round.cookie = state.getCookie();
                    }
                } catch (LDAPException | RuntimeException e) {
                    round.failure = new IllegalStateException("undecodable sync state control: " + e.getMessage(), e);
                }
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
            }
        };
        SearchRequest request = new SearchRequest(listener, baseDn, SearchScope.SUB, DereferencePolicy.NEVER, 0, 0,
                false, EVERYTHING, "1.1");
        request.addControl(new ContentSyncRequestControl(true, ContentSyncRequestMode.REFRESH_ONLY, withoutSid(from),
                false));
        request.setIntermediateResponseListener((IntermediateResponse response) -> {
            try {
                ContentSyncInfoIntermediateResponse info = ContentSyncInfoIntermediateResponse.decode(response);
                switch (info.getType()) {
                    case SYNC_ID_SET -> {
                        List<UUID> uuids = info.getEntryUUIDs();
                        round.received += uuids.size();
                        if (info.refreshDeletes()) {
                            round.deleted.addAll(uuids);
                        } else {
                            round.present.addAll(uuids);
                            round.presentPhase = true;
                        }
                    }
                    case REFRESH_PRESENT -> round.presentPhase = true;
                    default -> { }
                }
                if (info.getCookie() != null) {
                    round.cookie = info.getCookie();
                }
            } catch (LDAPException e) {
                // Not a sync info message: nothing this feed needs.
            }
        });
        long started = timer.start();
        SearchResult result;
        try {
            result = connections.withConnection("content synchronization", connection -> {
                try {
                    return connection.search(connections.budget().apply(request));
                } catch (LDAPSearchException e) {
                    if (!e.getResultCode().isConnectionUsable()) {
                        throw e; // an outage, not an answer: the request fails, tracking stays on
                    }
                    return e.getSearchResult();
                }
            });
        } catch (LDAPException e) {
            throw new ChangeTrackingUnavailableException("content synchronization refused: " + e.getResultCode(), e);
        }
        // Present notices are entries on the wire too (without attributes): metrics count them.
        timer.finished(EVERYTHING, round.received, 1, started);
        if (round.failure != null) {
            throw new ChangeTrackingUnavailableException(round.failure.getMessage(), round.failure);
        }
        if (result.getResultCode() != ResultCode.SUCCESS) {
            // e-syncRefreshRequired (the cookie is too old), a size limit on the initial refresh, no syncprov, ...
            throw new ChangeTrackingUnavailableException("content synchronization below " + baseDn + " answered "
                    + result.getResultCode() + (result.getDiagnosticMessage() == null ? ""
                    : " (" + result.getDiagnosticMessage() + ")"));
        }
        try {
            ContentSyncDoneControl done = ContentSyncDoneControl.get(result);
            if (done != null && done.getCookie() != null) {
                round.cookie = done.getCookie();
            }
            // RFC 4533 §3.3.1: refreshDeletes FALSE means the refresh used the present phase (also when
            // the server sent every entry as an addition because it could not use the cookie).
            if (from != null && done != null && !done.refreshDeletes()) {
                round.presentPhase = true;
            }
        } catch (LDAPException e) {
            throw new ChangeTrackingUnavailableException("undecodable sync done control", e);
        }
        if (round.cookie == null && from == null) {
            throw new ChangeTrackingUnavailableException("the directory gave no sync cookie below " + baseDn);
        }
        return round;
    }

    /**
     * The cookie without its {@code sid=} part. With {@code serverID} set (multi-provider OpenLDAP) the
     * provider's cookie names its own server ID; a sid in a request cookie says which provider the
     * consumer is, and galdav is none. (slapd 2.5 answered correctly either way in the tests; this keeps
     * galdav from relying on that.)
     */
    static ASN1OctetString withoutSid(ASN1OctetString cookie) {
        if (cookie == null) {
            return null;
        }
        String text = cookie.stringValue();
        if (!text.startsWith("rid=") || !text.contains(",sid=")) {
            return cookie; // not OpenLDAP's "rid=…,sid=…,csn=…" form: left as the server sent it
        }
        StringBuilder kept = new StringBuilder();
        for (String part : text.split(",")) {
            if (!part.startsWith("sid=")) {
                kept.append(kept.length() == 0 ? "" : ",").append(part);
            }
        }
        return new ASN1OctetString(kept.toString());
    }

    /** Rewrites the DNs below {@code oldDn} to lie below {@code newDn} (normalized DNs). */
    static <K> void moveDescendants(Map<K, String> dns, String oldDn, String newDn) {
        String suffix = "," + oldDn;
        dns.replaceAll((key, dn) -> dn.endsWith(suffix)
                ? dn.substring(0, dn.length() - suffix.length()) + "," + newDn : dn);
    }
}
