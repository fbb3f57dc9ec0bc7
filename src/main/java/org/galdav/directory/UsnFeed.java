package org.galdav.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.StaticUtils;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Active Directory's update sequence numbers (MS-ADTS 3.1.1.1.9): every originating or replicated
 * write stamps the object with the domain controller's next USN ({@code uSNChanged}), and deleted
 * objects live on as tombstones under {@code CN=Deleted Objects} (read with the show-deleted control).
 * USNs are local to one DC, so each poll runs on one connection and checks that the DC
 * ({@code dsServiceName}) is the one the position was taken on; another DC means starting over.
 * Deletions name objects by objectGUID, so the feed keeps objectGUID → DN for the subtree.
 */
final class UsnFeed implements ChangeFeed {
    /** LDAP_SERVER_SHOW_DELETED_OID (MS-ADTS 3.1.1.3.4.1.14). */
    static final String SHOW_DELETED = "1.2.840.113556.1.4.417";
    /** LDAP_CAP_ACTIVE_DIRECTORY_OID, in the root DSE's supportedCapabilities. */
    static final String ACTIVE_DIRECTORY = "1.2.840.113556.1.4.800";
    private static final String[] GUID = {"objectGUID"};

    private final Connections connections;
    private final PagedSearch paging;
    private final String baseDn;
    private final Map<String, String> dnByGuid = new HashMap<>();
    private String server;
    private long position = -1;

    UsnFeed(Connections connections, PagedSearch paging, String baseDn) {
        this.connections = connections;
        this.paging = paging;
        this.baseDn = baseDn;
    }

    @Override
    public String kind() {
        return "usn";
    }

    @Override
    public synchronized void start() throws ChangeTrackingUnavailableException {
        dnByGuid.clear();
        position = -1;
        try {
            connections.withConnection("USN change tracking", connection -> {
                RootDSE root = connection.getRootDSE();
                String deletedObjects = deletedObjectsOf(root);
                // CN=Deleted Objects itself is a tombstone: if it cannot be seen, no deletion would be.
                SearchResultEntry container = connection.searchForEntry(showDeleted(deletedObjects, SearchScope.BASE,
                        Filter.createPresenceFilter("objectClass")));
                if (container == null) {
                    throw new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                            "the service account cannot read " + deletedObjects
                                    + ": deleted objects would go unseen");
                }
                server = identity(connection, root);
                long highest = usn(root);
                paging.everyEntry(connection, baseDn, Filter.createPresenceFilter("objectClass"), GUID, List.of(),
                        entry -> guidOf(entry).ifPresent(g -> dnByGuid.put(g, DistinguishedNames.normalized(entry.getDN()))));
                position = highest;
                return null;
            });
        } catch (LDAPException e) {
            throw new ChangeTrackingUnavailableException("USN tracking below " + baseDn + ": " + e.getResultCode() + " "
                    + (e.getDiagnosticMessage() == null ? "" : e.getDiagnosticMessage()), e);
        }
        if (server == null || server.isEmpty() || position < 0) {
            throw new ChangeTrackingUnavailableException("the root DSE has no dsServiceName or highestCommittedUSN");
        }
    }

    @Override
    public synchronized Set<String> poll() throws ChangeTrackingUnavailableException {
        if (position < 0) {
            throw new ChangeTrackingUnavailableException("not started");
        }
        // Collected first and applied to the map only when the whole poll succeeded.
        Map<String, String> moved = new HashMap<>();
        Set<String> gone = new HashSet<>();
        long reached;
        try {
            reached = connections.withConnection("USN change tracking", connection -> {
                RootDSE root = connection.getRootDSE();
                if (!server.equals(identity(connection, root))) {
                    return -1L;
                }
                long highest = usn(root);
                if (highest < position) {
                    return -2L;
                }
                if (highest == position) {
                    return highest;
                }
                Filter since = Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(position + 1));
                // The whole naming context, so that an entry moved out of the base is seen too.
                paging.everyEntry(connection, namingContextOf(root), since, GUID, List.of(), entry ->
                        guidOf(entry).ifPresent(guid -> moved.put(guid, DistinguishedNames.normalized(entry.getDN()))));
                paging.everyEntry(connection, deletedObjectsOf(root), Filter.createANDFilter(
                        Filter.createEqualityFilter("isDeleted", "TRUE"), since), GUID,
                        List.of(new Control(SHOW_DELETED, true)), entry -> guidOf(entry).ifPresent(gone::add));
                return highest;
            });
        } catch (LDAPException e) {
            throw new ChangeTrackingUnavailableException("USN tracking below " + baseDn + ": " + e.getResultCode(), e);
        }
        if (reached == -1L) {
            throw new ChangeTrackingUnavailableException("connected to another domain controller (or a restored "
                    + "one); USNs of " + server + " do not apply");
        }
        if (reached == -2L) {
            throw new ChangeTrackingUnavailableException("the domain controller's highestCommittedUSN went back");
        }
        Set<String> touched = new HashSet<>();
        moved.forEach((guid, dn) -> changed(guid, dn, touched));
        for (String guid : gone) {
            String old = dnByGuid.remove(guid);
            if (old != null) {
                touched.add(old);
            }
        }
        position = reached;
        return touched;
    }

    /**
     * Which DC this is, as USNs see it: its NTDS settings object ({@code dsServiceName}) and that object's
     * {@code invocationId}, which a DC changes when it is restored from a backup (MS-ADTS 3.1.1.1.9).
     */
    private static String identity(LDAPConnection connection, RootDSE root) throws LDAPException {
        String service = root.getAttributeValue("dsServiceName");
        if (service == null) {
            return "";
        }
        byte[] invocation = null;
        try {
            SearchResultEntry settings = connection.getEntry(service, "invocationId");
            invocation = settings == null ? null : settings.getAttributeValueBytes("invocationId");
        } catch (LDAPException e) {
            if (!e.getResultCode().isConnectionUsable()) {
                throw e;
            }
            // Not readable (a hardened configuration partition): the USN-went-back check remains.
        }
        return service + (invocation == null ? "" : "#" + StaticUtils.toHex(invocation));
    }

    /** A live object changed: report its DN, and the DN it had if it moved (also out of the base). */
    private void changed(String guid, String dn, Set<String> touched) {
        boolean inside = DistinguishedNames.isAtOrBelow(dn, baseDn);
        String old = inside ? dnByGuid.put(guid, dn) : dnByGuid.remove(guid);
        if (old != null && !old.equals(dn)) {
            touched.add(old);
            // An OU renamed or moved: AD does not touch the objects below it, their DNs change all the same.
            SyncReplFeed.moveDescendants(dnByGuid, old, dn);
        }
        if (inside) {
            touched.add(dn);
        }
    }

    private String namingContextOf(RootDSE root) {
        String domain = root.getAttributeValue("defaultNamingContext");
        return domain != null && DistinguishedNames.isAtOrBelow(baseDn, domain) ? domain : baseDn;
    }

    private String deletedObjectsOf(RootDSE root) throws LDAPException {
        return "CN=Deleted Objects," + namingContextOf(root);
    }

    private static SearchRequest showDeleted(String base, SearchScope scope, Filter filter) {
        SearchRequest request = new SearchRequest(base, scope, filter, "1.1");
        request.addControl(new Control(SHOW_DELETED, true));
        return request;
    }

    private static long usn(RootDSE root) throws LDAPException {
        String value = root.getAttributeValue("highestCommittedUSN");
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                    "the root DSE has no highestCommittedUSN");
        }
    }

    private static Optional<String> guidOf(SearchResultEntry entry) {
        byte[] guid = entry.getAttributeValueBytes("objectGUID");
        return guid == null ? Optional.empty() : Optional.of(StaticUtils.toHex(guid));
    }

    /** Whether a root DSE is Active Directory's (or Samba's AD DC). */
    static boolean isActiveDirectory(RootDSE root) {
        String[] capabilities = root.getAttributeValues("supportedCapabilities");
        return capabilities != null && List.of(capabilities).contains(ACTIVE_DIRECTORY);
    }
}
