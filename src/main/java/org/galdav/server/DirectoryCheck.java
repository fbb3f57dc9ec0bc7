package org.galdav.server;

import com.unboundid.ldap.sdk.Filter;
import java.util.Optional;
import org.galdav.config.BookSettings;
import org.galdav.config.Settings;
import org.galdav.core.SourceUnavailableException;
import org.galdav.directory.LdapSettings;
import org.galdav.directory.ServerReach;

/**
 * The directory part of {@code galdav check}: each server of {@code ldap.url} on its own (a fail-over list
 * would hide one that is down), the service account's bind, and every base DN a setting names.
 */
final class DirectoryCheck {
    /** RFC 4511 §4.5.1.8: "1.1" asks for no attributes. */
    private static final String[] NO_ATTRIBUTES = {"1.1"};

    private final CheckReport report;
    private final Settings settings;
    private final DirectoryConnection connection;

    DirectoryCheck(CheckReport report, Settings settings, DirectoryConnection connection) {
        this.report = report;
        this.settings = settings;
        this.connection = connection;
    }

    /** @return whether the directory can be searched (a server answers and takes the bind): books are checked next */
    boolean run() {
        LdapSettings ldap = connection.settings();
        int reachable = 0;
        for (String url : ldap.urls()) {
            Optional<String> problem = ServerReach.problem(ldap, url);
            if (problem.isPresent()) {
                report.fail("ldap.url " + url, problem.get());
            } else {
                reachable++;
                report.ok("ldap.url " + url + ": accepts connections" + (ldap.startTls() ? " (StartTLS)" : ""));
            }
        }
        if (reachable == 0) {
            report.skip("bind, base DNs and books", "no server of ldap.url accepts connections");
            return false;
        }
        String account = connection.bindDn().isEmpty() ? "anonymous" : connection.bindDn();
        Optional<String> bind = connection.directory().problem();
        if (bind.isPresent()) {
            report.fail("bind as " + account, bind.get());
            report.skip("base DNs and books", "the directory refuses the service account");
            return false;
        }
        report.ok("bind as " + account);
        base("ldap.base-dn", connection.baseDn());
        if (!settings.auth().userBaseDn().isEmpty()) {
            base("auth.user-base-dn", settings.auth().userBaseDn());
        }
        for (int i = 0; i < settings.books().size(); i++) {
            BookSettings book = settings.books().get(i);
            if (!book.baseDn().isEmpty()) {
                base("books[" + i + "].base-dn (book " + book.id() + ")", book.baseDn());
            }
        }
        return true;
    }

    /** Whether the entry a setting names exists for the service account; says so either way. */
    private void base(String key, String dn) {
        try {
            if (connection.directory().readBestEffort(dn, Filter.createPresenceFilter("objectClass"),
                    NO_ATTRIBUTES).isPresent()) {
                report.ok(key + " " + dn + ": found");
            } else {
                report.fail(key + " " + dn, "NOT found — no such entry, or the service account may not read it; "
                        + "check " + key + " and the directory's access rules");
            }
        } catch (SourceUnavailableException e) {
            report.fail(key + " " + dn, e.getMessage());
        }
    }
}
