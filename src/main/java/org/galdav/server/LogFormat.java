package org.galdav.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@code log.format} into effect once the settings are read. The bundled {@code logback.xml} declares
 * one appender per format and attaches the one its {@code log.format} property names, which the JVM's
 * {@code -Dlog.format} or {@code GALDAV_LOG_FORMAT} set at start; a format named only in the configuration
 * file or with {@code --set} is applied here by reading {@code logback.xml} again with the property set.
 * A Logback configuration of the operator's own ({@code -Dlogback.configurationFile}) is left alone.
 */
final class LogFormat {
    /** The property {@code logback.xml} chooses its appender by; also the setting's key. */
    static final String PROPERTY = "log.format";

    private LogFormat() {
    }

    /** Makes {@code format} ("plain" or "json") the format of every log line from now on. */
    static void use(String format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context) || System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(format) != null) {
            return; // already in use
        }
        URL bundled = LogFormat.class.getClassLoader().getResource("logback.xml");
        if (bundled == null) {
            return;
        }
        context.reset();
        context.putProperty(PROPERTY, format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(bundled);
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml cannot be read again: " + e.getMessage(), e);
        }
    }

    /** Restores the log's level when closed. */
    interface Quiet extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * No log lines until closed: for commands whose output is their report ({@code check}, {@code preview}),
     * which says in its own lines what the log would.
     */
    static Quiet quiet() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.OFF);
        return () -> root.setLevel(before);
    }

    /** The format of the log lines now: the name of the root logger's appender, e.g. "plain". */
    static String current() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            var appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            if (appenders.hasNext()) {
                return appenders.next().getName();
            }
        }
        return "";
    }
}
