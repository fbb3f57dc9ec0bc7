package org.galdav.server;

import com.unboundid.ldap.sdk.LDAPException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.galdav.config.BookSettings;
import org.galdav.config.ConfigError;
import org.galdav.config.DirectorySettings;
import org.galdav.config.Settings;
import org.galdav.core.TimeSource;
import org.galdav.directory.SearchObserver;
import org.galdav.mapping.Mapping;
import org.galdav.mapping.MappingException;

/**
 * {@code galdav check}: everything that can be checked before phones are pointed at galdav, one line each
 * ({@link CheckReport}): the configuration, each book's mapping, the TLS files and their expiry
 * ({@link CertificateCheck}), each directory server, the bind and the base DNs ({@link DirectoryCheck}),
 * and per book a sample search and its change tracking ({@link BookCheck}). Exit code 0 when all pass, 1
 * when a check fails, 2 when the configuration itself is invalid.
 */
final class Check {
    private final Supplier<Settings> settings;
    private final PrintWriter out;
    private final TimeSource time;

    /** @param settings loads the settings; a {@link ConfigError} is reported as the first check's failure */
    Check(Supplier<Settings> settings, PrintWriter out, TimeSource time) {
        this.settings = settings;
        this.out = out;
        this.time = time;
    }

    /** @return the process exit code */
    int run() {
        CheckReport report = new CheckReport(out);
        Settings loaded;
        try {
            loaded = settings.get();
        } catch (ConfigError e) {
            report.invalid("configuration", e.getMessage().replaceFirst("^configuration: ", "")
                    + " — fix it, then check again (docs/configuration.md describes every key)");
            return report.exitCode();
        }
        report.ok("configuration: " + loaded.books().size() + " book(s), " + directoryOf(loaded));
        Map<BookSettings, Mapping> mappings = mappings(loaded, report);
        CertificateCheck certificates = new CertificateCheck(report, time.now());
        certificates.httpCertificate(loaded.http());
        try (DirectoryConnection connection = DirectoryConnection.open(loaded.directory(), SearchObserver.NONE, time)) {
            certificates.ldapTrustStore(connection.settings());
            if (new DirectoryCheck(report, loaded, connection).run()) {
                BookCheck books = new BookCheck(report, loaded, connection, time);
                mappings.forEach(books::run);
            }
        } catch (LDAPException e) {
            report.fail("ldap", "the connection to the directory cannot be set up: " + e.getMessage()
                    + " — check ldap.url, ldap.trust-store and ldap.start-tls");
        }
        return report.exitCode();
    }

    private static String directoryOf(Settings settings) {
        if (settings.directory() instanceof DirectorySettings.Ldap ldap) {
            return "directory " + String.join(", ", ldap.connection().urls()) + " below " + ldap.baseDn();
        }
        return "the embedded demo directory (no ldap.url)";
    }

    /** Every book's mapping, loaded as the server loads it; a mapping that does not load is invalid configuration. */
    private static Map<BookSettings, Mapping> mappings(Settings settings, CheckReport report) {
        Map<BookSettings, Mapping> mappings = new LinkedHashMap<>();
        for (BookSettings book : settings.books()) {
            try {
                Mapping mapping = BookAssembly.mappingFor(book);
                mappings.put(book, mapping);
                report.ok("book " + book.id() + ": mapping " + mapping.name() + " (" + mapping.rules().size()
                        + " rules)");
            } catch (MappingException e) {
                report.invalid("book " + book.id() + ": mapping " + book.mapping(), e.getMessage()
                        + " — fix the mapping file (docs/mapping.md) or the book's mapping setting");
            }
        }
        return mappings;
    }
}
