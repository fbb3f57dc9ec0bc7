package org.galdav.config;

import java.util.List;
import java.util.Objects;
import org.galdav.cache.CacheSettings;
import org.galdav.cache.ThrottleSettings;
import org.galdav.http.ConnectionLimits;
import org.galdav.http.HttpSettings;
import org.galdav.http.RequestLimits;

/**
 * Everything the server needs, validated, in one group per section of {@code conf/application.conf}, so
 * that each part of the server is handed only its own group.
 *
 * @param http      the {@code http} section, with {@code search.max-results}, which the HTTP layer enforces
 * @param limits    the bounds on each request's work: {@code http.request-timeout}, {@code http.shutdown-grace},
 *                  header, multiget and {@code search.*} filter limits, all enforced by the HTTP layer
 * @param directory the {@code ldap} section: the operator's directory, or the embedded demo (with {@code demo})
 * @param auth      the {@code auth} section
 * @param books     the {@code books} list: at least one book, ids unique
 * @param cache     the {@code cache} section
 * @param sync      the {@code sync} section
 * @param connections the {@code http.connections} section with {@code http.trusted-proxies}
 * @param throttle  the {@code auth.throttle} section
 */
public record Settings(HttpSettings http, RequestLimits limits, DirectorySettings directory, AuthSettings auth,
                       List<BookSettings> books, CacheSettings cache, SyncSettings sync, ConnectionLimits connections,
                       ThrottleSettings throttle) {
    public Settings {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(throttle, "throttle");
        books = List.copyOf(books);
        if (books.isEmpty()) {
            throw new IllegalArgumentException("at least one address book is needed");
        }
        if (books.stream().map(BookSettings::id).distinct().count() != books.size()) {
            throw new IllegalArgumentException("address book ids must be unique");
        }
    }
}
