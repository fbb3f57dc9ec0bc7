package org.galdav.config;

import java.util.List;
import java.util.Optional;
import org.galdav.cache.CacheSettings;
import org.galdav.directory.LdapSettings;
import org.galdav.http.HttpSettings;

/**
 * Everything the server needs, validated.
 *
 * @param ldap     empty when the embedded demo directory is to be used
 * @param baseDn   the directory's base DN (empty with the demo directory, which has its own)
 */
public record Settings(HttpSettings http, String serverName, Optional<LdapSettings> ldap, String baseDn,
                       String userBaseDn, String loginFilter, String loginAttribute, String userFilter,
                       List<BookSettings> books, CacheSettings cache,
                       int demoPeople, long demoSeed, LdapSettings ldapDefaults, boolean cacheWarmUp,
                       java.nio.file.Path syncStateDir, java.time.Duration syncHorizon,
                       org.galdav.directory.ChangeFeeds.Mode changeTracking, java.time.Duration syncPollInterval) {
    public Settings {
        books = List.copyOf(books);
    }
}
