package org.galdav.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.galdav.directory.LdapSettings;

/**
 * Which directory galdav serves: the operator's, when {@code ldap.url} is set, or else the embedded demo
 * directory. The choice is made once, here, so that the server and {@code galdav check} cannot start
 * different directories from the same configuration.
 */
public sealed interface DirectorySettings permits DirectorySettings.Ldap, DirectorySettings.Demo {
    /**
     * The operator's directory.
     *
     * @param connection how to reach it
     * @param baseDn     the subtree holding people and groups; books and logins default to it
     */
    record Ldap(LdapSettings connection, String baseDn) implements DirectorySettings {
        public Ldap {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(baseDn, "baseDn");
            if (baseDn.isEmpty()) {
                throw new IllegalArgumentException("a configured directory needs a base DN");
            }
        }
    }

    /**
     * The embedded demo directory. Its URL (a free port) and service account are known only once it runs,
     * so only the rest of the connection is settled here.
     *
     * @param demo   what to generate
     * @param tuning the {@code ldap.*} pool and timeout settings, which apply to the demo directory too
     */
    record Demo(DemoSettings demo, LdapTuning tuning) implements DirectorySettings {
        public Demo {
            Objects.requireNonNull(demo, "demo");
            Objects.requireNonNull(tuning, "tuning");
        }

        /** How to reach the running demo directory: its URL and account, with the configured tuning. */
        public LdapSettings connection(String url, String bindDn, String bindPassword) {
            return tuning.connection(List.of(url), bindDn, bindPassword, false, Optional.empty(), Optional.empty());
        }
    }
}
