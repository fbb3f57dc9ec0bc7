package org.galdav.core;

import java.util.List;
import java.util.Optional;

/** The users of the directory, as principals (RFC 3744 §2). */
public interface Principals {

    /** A user by login, for PROPFIND on /principals/{login}/. */
    Optional<Principal> find(String login);

    /**
     * Users matching all ({@code allOf}) or any of the conditions, at most {@code limit} of them.
     */
    List<Principal> search(List<PrincipalSearch> conditions, boolean allOf, int limit);

    /** No principal search: only the caller's own principal exists. */
    Principals NONE = new Principals() {
        @Override
        public Optional<Principal> find(String login) {
            return Optional.empty();
        }

        @Override
        public List<Principal> search(List<PrincipalSearch> conditions, boolean allOf, int limit) {
            return List.of();
        }
    };
}
