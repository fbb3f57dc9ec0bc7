package org.galdav.server;

import com.unboundid.ldap.sdk.Filter;
import java.util.Locale;
import java.util.Optional;
import org.galdav.config.BookSettings;
import org.galdav.config.Settings;
import org.galdav.core.SourceUnavailableException;
import org.galdav.core.TimeSource;
import org.galdav.directory.ChangeFeed;
import org.galdav.directory.ChangeFeeds;
import org.galdav.directory.Directory;
import org.galdav.directory.SearchOutcome;
import org.galdav.mapping.Mapping;

/**
 * The per-book part of {@code galdav check}: a sample search counting the people and groups the book
 * publishes (as the service account, paged, past size limits where the listing goes past them), and how
 * the server will follow the book's changes: the change feed {@link ChangeFeeds} chooses, started as the
 * server starts it, or why listings are compared instead.
 */
final class BookCheck {
    /** RFC 4511 §4.5.1.8: "1.1" asks for no attributes. */
    private static final String[] NO_ATTRIBUTES = {"1.1"};
    private static final int PAGE = 1000;

    private final CheckReport report;
    private final Settings settings;
    private final DirectoryConnection connection;
    private final TimeSource time;

    BookCheck(CheckReport report, Settings settings, DirectoryConnection connection, TimeSource time) {
        this.report = report;
        this.settings = settings;
        this.connection = connection;
        this.time = time;
    }

    void run(BookSettings book, Mapping mapping) {
        BookAssembly assembly = new BookAssembly(book, connection, time);
        String what = "book " + book.id();
        try {
            long people = count(assembly.directory(), assembly.base(), mapping, mapping.entryFilter());
            long groups = count(assembly.directory(), assembly.base(), mapping,
                    Filter.createANDFilter(mapping.entryFilter(), mapping.groupFilter()));
            if (people < 0 || groups < 0) {
                report.fail(what + ": sample search below " + assembly.base(), "the directory's size limit ended the "
                        + "search — raise the service account's size limit, or use entryUUID as the mapping's id "
                        + "(listings then go past the limit in ranges)");
            } else if (people == 0) {
                report.fail(what + ": sample search below " + assembly.base(), "no entry matches the mapping's entry "
                        + "filter " + mapping.entryFilter() + " — check the book's base-dn, its exclude-filter, the "
                        + "mapping, and what the service account may read");
            } else {
                report.ok(what + ": " + (people - groups) + " people and " + groups + " groups below "
                        + assembly.base() + (book.bindAsUser() ? " (as the service account; each user sees what the "
                        + "directory lets them read)" : ""));
            }
        } catch (SourceUnavailableException e) {
            report.fail(what + ": sample search below " + assembly.base(), e.getMessage());
        }
        tracking(what, book, mapping, assembly);
    }

    /** Entries matching {@code filter}; -1 when the server cut the search short and the listing would fail too. */
    private static long count(Directory directory, String base, Mapping mapping, Filter filter) {
        String id = mapping.idAttribute();
        SearchOutcome outcome = id.equalsIgnoreCase("entryUUID")
                ? directory.searchAll(base, filter, new String[] {id}, id, PAGE, entry -> true)
                : directory.search(base, filter, NO_ATTRIBUTES, PAGE, entry -> true);
        return outcome.limited() ? -1 : outcome.entries();
    }

    /** How the server follows the book's changes, as {@link PublishedBooks} and {@link BookAssembly} decide it. */
    private void tracking(String what, BookSettings book, Mapping mapping, BookAssembly assembly) {
        ChangeFeeds.Mode mode = settings.sync().changeTracking();
        String setting = "sync.change-tracking = " + mode.name().toLowerCase(Locale.ROOT);
        String compared = "changes are found by comparing listings, at most every cache.ttl ("
                + settings.cache().ttl().toSeconds() + " s)";
        if (book.directoryGateway()) {
            report.ok(what + ": directory gateway: searched on demand, never listed, no change tracking needed");
        } else if (book.bindAsUser()) {
            report.ok(what + ": searched with each user's own bind: no change tracking; " + compared);
        } else if (!mapping.backLinkAttributes().isEmpty()) {
            report.ok(what + ": its cards show " + mapping.backLinkAttributes() + ", which change tracking does not "
                    + "report on the member: " + compared);
        } else if (mode == ChangeFeeds.Mode.OFF) {
            report.ok(what + ": change tracking off (" + setting + "): " + compared);
        } else {
            try {
                Optional<ChangeFeed> feed = assembly.changeFeed(mode);
                if (feed.isPresent()) {
                    report.ok(what + ": changes followed with " + feed.get().kind() + " (" + setting + ")");
                } else if (mode == ChangeFeeds.Mode.AUTO) {
                    report.ok(what + ": the directory offers no change tracking galdav can use: " + compared);
                } else {
                    report.fail(what + ": change tracking", setting + ", but the directory does not offer it for "
                            + assembly.base() + " — set sync.change-tracking = auto (galdav check --verbose shows "
                            + "the directory's answer)");
                }
            } catch (SourceUnavailableException e) {
                report.fail(what + ": change tracking", e.getMessage());
            }
        }
    }
}
