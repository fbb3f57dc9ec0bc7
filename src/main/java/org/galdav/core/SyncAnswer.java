package org.galdav.core;

import java.util.List;

/**
 * What changed in a book since a sync token (RFC 6578 §3.5).
 *
 * @param changed   members added or modified since the token
 * @param removed   names of members removed since the token
 * @param token     the token for the state this answer brings the client to
 * @param truncated true when only part of the changes fit the client's limit (§3.6)
 */
public record SyncAnswer(List<CardSummary> changed, List<String> removed, String token, boolean truncated) {
    public SyncAnswer {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
