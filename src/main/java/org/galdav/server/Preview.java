package org.galdav.server;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.galdav.config.BookSettings;
import org.galdav.config.Settings;
import org.galdav.core.Card;
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.core.TimeSource;
import org.galdav.dav.DavPaths;
import org.galdav.directory.SearchObserver;
import org.galdav.mapping.Mapping;

/**
 * {@code galdav check} and {@code galdav preview <dn or login>}: what an operator runs before starting
 * the server. check loads the configuration and every mapping and binds to the directory; preview
 * shows, for each book, whether an entry is published and the vCards it becomes.
 */
final class Preview {
    /** RFC 4511 §4.5.1.8: "1.1" asks for no attributes. */
    private static final String[] NO_ATTRIBUTES = {"1.1"};
    private final Settings settings;
    private final PrintStream out;
    private final TimeSource time;

    Preview(Settings settings, PrintStream out, TimeSource time) {
        this.settings = settings;
        this.out = out;
        this.time = time;
    }

    /** @return the process exit code */
    int check() throws LDAPException {
        List<Mapping> mappings = mappings();
        for (int i = 0; i < mappings.size(); i++) {
            out.println("book " + settings.books().get(i).id() + ": mapping " + mappings.get(i).name() + " OK ("
                    + mappings.get(i).rules().size() + " rules)");
        }
        return withDirectory(connection -> {
            Optional<String> problem = connection.directory().problem();
            if (problem.isPresent()) {
                out.println("directory: NOT usable: " + problem.get());
                return 1;
            }
            out.println("directory: reachable, bound as "
                    + (connection.bindDn().isEmpty() ? "anonymous" : connection.bindDn()));
            boolean found = base(connection, "ldap.base-dn", connection.baseDn());
            if (!settings.auth().userBaseDn().isEmpty()) {
                found &= base(connection, "auth.user-base-dn", settings.auth().userBaseDn());
            }
            for (int i = 0; i < settings.books().size(); i++) {
                BookSettings book = settings.books().get(i);
                if (!book.baseDn().isEmpty()) {
                    found &= base(connection, "books[" + i + "].base-dn (book " + book.id() + ")", book.baseDn());
                }
            }
            return found ? 0 : 1;
        });
    }

    /** Whether the entry a setting names exists for the service account; says so either way. */
    private boolean base(DirectoryConnection connection, String key, String dn) {
        boolean found = connection.directory().readBestEffort(dn, Filter.createPresenceFilter("objectClass"),
                NO_ATTRIBUTES).isPresent();
        out.println(key + " " + dn + (found ? ": found" : ": NOT found: no such entry, or the service account may not "
                + "read it; check " + key + " and the directory's access rules"));
        return found;
    }

    /** @return the process exit code */
    int preview(String who) throws LDAPException {
        return withDirectory(connection -> {
            Optional<SearchResultEntry> entry = find(connection, who);
            if (entry.isEmpty()) {
                out.println("no entry found for '" + who + "' (tried it as a DN and with auth.login-filter)");
                return 1;
            }
            out.println("entry: " + entry.get().getDN());
            for (BookSettings book : settings.books()) {
                out.println();
                describe(new BookAssembly(book, connection, time), entry.get());
            }
            return 0;
        });
    }

    /** Whether the entry is published in a book, and if so the card exactly as the server renders it. */
    private void describe(BookAssembly book, SearchResultEntry entry) throws LDAPException {
        Mapping mapping = book.mapping();
        String id = book.info().id();
        if (!entry.getParsedDN().isDescendantOf(book.base(), true)) {
            out.println("book " + id + ": NOT published (outside " + book.base() + ")");
            return;
        }
        if (book.directory().readBestEffort(entry.getDN(), mapping.entryFilter(), NO_ATTRIBUTES).isEmpty()) {
            out.println("book " + id + ": NOT published (excluded by the entry filter " + mapping.entryFilter() + ")");
            return;
        }
        Optional<Card> card = book.ldap().cardAt(entry.getDN());
        if (card.isEmpty()) {
            out.println("book " + id + ": NOT published (no " + mapping.idAttribute() + ")");
            return;
        }
        out.println("book " + id + ": published as " + DavPaths.card(id, card.get().name()) + " ETag "
                + card.get().summary().etag());
        if (!book.settings().allowedGroups().isEmpty()) {
            out.println("  visible only to members of " + book.settings().allowedGroups());
        }
        if (book.settings().bindAsUser()) {
            out.println("  searched with each user's own bind: what a user sees depends on the directory's ACLs;"
                    + " this preview shows the service account's view");
        }
        for (CardFormat format : CardFormat.values()) {
            out.println("--- vCard " + format.version());
            out.print(new String(card.get().render(format, PropertySelection.ALL), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n"));
        }
    }

    /** The entry {@code who} names: as a DN, else as a login. */
    private Optional<SearchResultEntry> find(DirectoryConnection connection, String who) {
        if (who.contains("=")) {
            try {
                return connection.directory().readBestEffort(new DN(who).toString(),
                        Filter.createPresenceFilter("objectClass"), NO_ATTRIBUTES);
            } catch (LDAPException e) {
                // not a DN after all: try it as a login
            }
        }
        return GaldavServer.users(settings.auth(), connection).find(who, NO_ATTRIBUTES);
    }

    private List<Mapping> mappings() {
        List<Mapping> mappings = new ArrayList<>();
        for (BookSettings book : settings.books()) {
            mappings.add(BookAssembly.mappingFor(book));
        }
        return mappings;
    }

    private interface DirectoryWork {
        int run(DirectoryConnection connection) throws LDAPException;
    }

    private int withDirectory(DirectoryWork work) throws LDAPException {
        try (DirectoryConnection connection = DirectoryConnection.open(settings.directory(), SearchObserver.NONE, time)) {
            return work.run(connection);
        }
    }
}
