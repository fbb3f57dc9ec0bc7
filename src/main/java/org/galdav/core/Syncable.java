package org.galdav.core;

/** A book that can say what changed since a token (RFC 6578 sync-collection). */
public interface Syncable {

    /** The token for the book's current content; the same while nothing changes. */
    String currentToken();

    /**
     * @param token empty for the initial sync: every member is "changed"
     * @param limit most changes to return (the client's DAV:limit), Integer.MAX_VALUE for none
     */
    SyncAnswer changesSince(String token, int limit) throws InvalidSyncTokenException;
}
