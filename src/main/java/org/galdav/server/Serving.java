package org.galdav.server;

import java.io.PrintWriter;
import java.util.function.Consumer;
import org.galdav.config.ConfigError;
import org.galdav.config.Settings;
import org.galdav.demo.DemoCompany;
import org.galdav.mapping.MappingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server for {@code galdav} and {@code galdav serve}; configuration errors end it with one clear line. */
final class Serving {
    private static final Logger LOG = LoggerFactory.getLogger(Serving.class);

    private Serving() {
    }

    /** @return {@link Cli#SERVING} once the server listens, else the exit code */
    static int start(ConfigOptions options, PrintWriter err, Consumer<GaldavServer> started) {
        try {
            Settings settings = options.settings();
            LogFormat.use(options.logFormat());
            GaldavServer server = GaldavServer.start(settings);
            if (server.demo().isPresent()) {
                LOG.info("Embedded demo directory at {} (base {}). Log in as '{}' with password '{}'.",
                        server.demo().get().url(), server.demo().get().baseDn(), DemoCompany.DEMO_LOGIN,
                        DemoCompany.DEMO_PASSWORD);
            }
            LOG.info("CardDAV URL: {}  (discovery: {}.well-known/carddav)", server.url(), server.url());
            started.accept(server);
            return Cli.SERVING;
        } catch (ConfigError | MappingException e) {
            err.println("galdav: " + e.getMessage());
            err.flush();
            return Cli.CONFIGURATION;
        } catch (Exception e) {
            LOG.error("galdav could not start: {}", e.getMessage(), e);
            return Cli.FAILED;
        }
    }
}
