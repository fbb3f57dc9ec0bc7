package org.galdav.server;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with its control characters escaped ({@link LogText}): the one place where every value from a
 * request (path, login, header, XML value) is made safe before it reaches a log line, whoever logs it, galdav
 * or a library. Named in {@code logback.xml}; Logback creates it, hence public.
 */
public final class EscapedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(event.getFormattedMessage());
    }
}
