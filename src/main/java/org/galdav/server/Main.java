package org.galdav.server;

import org.galdav.config.ConfigError;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import org.galdav.demo.DemoCompany;
import org.galdav.mapping.MappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar galdav.jar}: starts the server; configuration errors end it with one clear line. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java [-Dkey=value ...] [-Dgaldav.config=FILE] -jar galdav.jar\n"
                    + "Starts the galdav CardDAV server. Without ldap.url it serves an embedded demo directory.\n"
                    + "Configuration keys: conf/application.conf and docs/configuration.md.");
            return;
        }
        if (args.length > 0) {
            System.err.println("galdav: unknown argument '" + args[0] + "' (try --help)");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        try {
            Settings settings = SettingsLoader.load();
            GaldavServer server = GaldavServer.start(settings);
            if (server.demo().isPresent()) {
                LOG.info("Embedded demo directory at {} (base {}). Log in as '{}' with password '{}'.",
                        server.demo().get().url(), server.demo().get().baseDn(), DemoCompany.DEMO_LOGIN,
                        DemoCompany.DEMO_PASSWORD);
            }
            LOG.info("CardDAV URL: {}  (discovery: {}.well-known/carddav)", server.url(), server.url());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "galdav-shutdown"));
        } catch (ConfigError | MappingException e) {
            System.err.println("galdav: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            LOG.error("galdav could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }
}
