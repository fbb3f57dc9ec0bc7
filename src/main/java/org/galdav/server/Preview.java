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
import org.galdav.core.CardFormat;
import org.galdav.core.PropertySelection;
import org.galdav.directory.Directory;
import org.galdav.directory.SearchObserver;
import org.galdav.mapping.EntryMapper;
import org.galdav.mapping.Mapping;
import org.galdav.vcard.RenderedCard;

/**
 * {@code galdav check} and {@code galdav preview <dn or login>}: what an operator runs before starting
 * the server. check loads the configuration and every mapping and binds to the directory; preview
 * shows, for each book, whether an entry is published and the vCards it becomes.
 */
final class Preview {
    private final Settings settings;
    private final PrintStream out;

    Preview(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** @return the process exit code */
    int check() throws LDAPException {
        List<Mapping> mappings = mappings();
        for (int i = 0; i < mappings.size(); i++) {
            out.println("book " + settings.books().get(i).id() + ": mapping " + mappings.get(i).name() + " OK ("
                    + mappings.get(i).rules().size() + " rules)");
        }
        return withDirectory(connection -> {
            if (!connection.directory().isReachable()) {
                out.println("directory: NOT reachable (see the log above)");
                return 1;
            }
            out.println("directory: reachable, bound as "
                    + (connection.bindDn().isEmpty() ? "anonymous" : connection.bindDn()));
            return 0;
        });
    }

    /** @return the process exit code */
    int preview(String who) throws LDAPException {
        List<Mapping> mappings = mappings();
        return withDirectory(connection -> {
            Directory directory = connection.directory();
            Optional<SearchResultEntry> entry = find(directory, connection.baseDn(), who);
            if (entry.isEmpty()) {
                out.println("no entry found for '" + who + "' (tried it as a DN and with auth.login-filter)");
                return 1;
            }
            out.println("entry: " + entry.get().getDN());
            for (int i = 0; i < mappings.size(); i++) {
                BookSettings book = settings.books().get(i);
                Mapping mapping = mappings.get(i);
                String bookBase = book.base(connection.baseDn());
                Optional<SearchResultEntry> published = directory.readBestEffort(entry.get().getDN(), mapping.entryFilter(),
                        mapping.requestedAttributes());
                boolean below = entry.get().getParsedDN().isDescendantOf(bookBase, true);
                out.println();
                if (published.isEmpty() || !below) {
                    out.println("book " + book.id() + ": NOT published (" + (below ? "excluded by the entry filter "
                            + mapping.entryFilter() : "outside " + bookBase) + ")");
                    continue;
                }
                EntryMapper mapper = new EntryMapper(mapping);
                var mapped = mapper.map(published.get(), dns -> List.of());
                if (mapped.isEmpty()) {
                    out.println("book " + book.id() + ": NOT published (no " + mapping.idAttribute() + ")");
                    continue;
                }
                RenderedCard card = RenderedCard.of(mapped.get(), mapping.fingerprint());
                out.println("book " + book.id() + ": published as /addressbooks/" + book.id() + "/" + card.name()
                        + " ETag " + card.summary().etag() + " (group members and RELATED are resolved only by the server)");
                if (!book.allowedGroups().isEmpty()) {
                    out.println("  visible only to members of " + book.allowedGroups());
                }
                if (book.bindAsUser()) {
                    out.println("  searched with each user's own bind: what a user sees depends on the directory's ACLs;"
                            + " this preview shows the service account's view");
                }
                for (CardFormat format : CardFormat.values()) {
                    out.println("--- vCard " + format.version());
                    out.print(new String(card.render(format, PropertySelection.ALL), StandardCharsets.UTF_8)
                            .replace("\r\n", "\n"));
                }
            }
            return 0;
        });
    }

    private Optional<SearchResultEntry> find(Directory directory, String baseDn, String who) throws LDAPException {
        if (who.contains("=")) {
            try {
                return directory.readBestEffort(new DN(who).toString(),
                        Filter.createPresenceFilter("objectClass"), new String[] {"1.1"});
            } catch (LDAPException e) {
                // not a DN after all: try it as a login
            }
        }
        Filter filter = settings.auth().loginFilter().forLogin(who);
        List<SearchResultEntry> found = new ArrayList<>();
        directory.search(settings.auth().userBase(baseDn), filter, new String[] {"1.1"}, e -> {
            found.add(e);
            return found.size() < 2;
        });
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private List<Mapping> mappings() {
        List<Mapping> mappings = new ArrayList<>();
        for (BookSettings book : settings.books()) {
            mappings.add(GaldavServer.mappingFor(book));
        }
        return mappings;
    }

    private interface DirectoryWork {
        int run(DirectoryConnection connection) throws LDAPException;
    }

    private int withDirectory(DirectoryWork work) throws LDAPException {
        try (DirectoryConnection connection = DirectoryConnection.open(settings.directory(), SearchObserver.NONE)) {
            return work.run(connection);
        }
    }
}
