package org.galdav.demo;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Passes the in-memory server's access log on to the {@code java.util.logging} logger
 * {@value DemoDirectory#ACCESS_LOG} at level FINE: silent by default, and a test (or a JUL bridge) can read
 * which LDAP operations galdav performed by attaching a handler to that logger.
 */
final class AccessLog extends Handler {

    /** Held strongly: JUL keeps loggers only weakly, and a collected logger would lose its handlers. */
    private static final Logger LOGGER = Logger.getLogger(DemoDirectory.ACCESS_LOG);

    @Override
    public void publish(LogRecord record) {
        if (LOGGER.isLoggable(Level.FINE)) {
            LogRecord forwarded = new LogRecord(Level.FINE, record.getMessage());
            forwarded.setLoggerName(LOGGER.getName());
            forwarded.setInstant(record.getInstant());
            LOGGER.log(forwarded);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
