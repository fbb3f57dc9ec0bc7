package org.galdav.server;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
 * {@code galdav preview <dn or login>}: what an operator runs before starting the server (with
 * {@link Check}): for each book, whether an entry is published and the vCards it becomes, rendered by the
 * same {@link BookAssembly} the server uses.
 */
final class Preview {
    /** RFC 4511 §4.5.1.8: "1.1" asks for no attributes. */
    private static final String[] NO_ATTRIBUTES = {"1.1"};
    private final Settings settings;
    private final PrintWriter out;
    private final TimeSource time;

    Preview(Settings settings, PrintWriter out, TimeSource time) {
        this.settings = settings;
        this.out = out;
        this.time = time;
    }

    /** @return the process exit code */
    int preview(String who) throws LDAPException {
        return withDirectory(connection -> {
            Optional<SearchResultEntry> entry = find(connection, who);
            if (entry.isEmpty()) {
                out.println("no entry found for '" + who + "' (tried it as a DN and with auth.login-filter)");
                out.flush();
                return 1;
            }
            out.println("entry: " + entry.get().getDN());
            for (BookSettings book : settings.books()) {
                out.println();
                describe(new BookAssembly(book, connection, time), entry.get());
            }
            out.flush();
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

    private interface DirectoryWork {
        int run(DirectoryConnection connection) throws LDAPException;
    }

    private int withDirectory(DirectoryWork work) throws LDAPException {
        try (DirectoryConnection connection = DirectoryConnection.open(settings.directory(), SearchObserver.NONE, time)) {
            return work.run(connection);
        }
    }
}
