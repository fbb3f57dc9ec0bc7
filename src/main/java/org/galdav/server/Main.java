package org.galdav.server;

import org.galdav.config.ConfigError;
import org.galdav.config.Settings;
import org.galdav.config.SettingsLoader;
import org.galdav.core.TimeSource;
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
            System.out.println("usage: java [-Dkey=value ...] [-Dgaldav.config=FILE] -jar galdav.jar [command]\n"
                    + "  (no command)          start the CardDAV server (without ldap.url: on an embedded demo directory)\n"
                    + "  check                 load the configuration and mappings, bind to the directory, and exit\n"
                    + "  preview <dn|login>    show whether an entry is published in each book, and its vCards\n"
                    + "Configuration keys: conf/application.conf and docs/configuration.md.");
            return;
        }
        System.setProperty("java.awt.headless", "true");
        Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
        if (args.length > 0) {
            System.exit(command(args));
        }
        try {
            Settings settings = SettingsLoader.load();
            GaldavServer server = GaldavServer.start(settings);
            if (server.demo().isPresent()) {
                LOG.info("Embedded demo directory at {} (base {}). Log in as '{}' with password '{}'.",
                        server.demo().get().url(), server.demo().get().baseDn(), DemoCompany.DEMO_LOGIN,
                        DemoCompany.DEMO_PASSWORD);
            }
            LOG.info("CardDAV URL: {}  (discovery: {}.well-known/carddav)", server.url(), server.url());
            // SIGTERM: close() returns within http.shutdown-grace and a few seconds, whatever is in flight.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("galdav stopping");
                server.close();
                LOG.info("galdav stopped");
            }, "galdav-shutdown"));
        } catch (ConfigError | MappingException e) {
            System.err.println("galdav: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            LOG.error("galdav could not start: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /**
     * A thread that dies of OutOfMemoryError (a library's timer, a background listing) leaves the process
     * unable to work: the UnboundID SDK's shared timer, once dead, refuses every new LDAP connection for
     * good. So the process ends at once (status 3), for the service manager to restart it; a request that
     * runs out of memory only fails itself (Undertow answers 500) and is not fatal.
     */
    private static void uncaught(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            System.err.println("galdav: out of memory in thread " + thread.getName() + "; exiting (give Java more "
                    + "memory with -Xmx, or lower cache.max-card-bytes)");
            Runtime.getRuntime().halt(3);
        }
        LOG.error("thread {} ended: {}", thread.getName(), e.toString(), e);
    }

    /** The sub-commands; returns the exit code. */
    static int command(String[] args) {
        try {
            Preview preview = new Preview(SettingsLoader.load(), System.out, TimeSource.SYSTEM);
            if (args[0].equals("check") && args.length == 1) {
                return preview.check();
            }
            if (args[0].equals("preview") && args.length == 2) {
                return preview.preview(args[1]);
            }
            System.err.println("galdav: unknown command '" + String.join(" ", args) + "' (try --help)");
            return 2;
        } catch (ConfigError | MappingException e) {
            System.err.println("galdav: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("galdav: " + e.getMessage());
            return 1;
        }
    }
}
