package org.galdav.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.json.Json;
import org.slf4j.LoggerFactory;

/**
 * {@code log.format = json}: the shipped {@code logback.xml} writes one JSON object per line with level,
 * logger and message, and a message with a line break and quotes stays one line; plain stays the default,
 * and {@link LogFormat#use} switches the running log between the two.
 */
class LogFormatTest {
    /** The shipped configuration, read into a context of its own with {@code log.format} set (null: unset). */
    private static LoggerContext configured(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty(LogFormat.PROPERTY, format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback.xml"));
        return context;
    }

    /** What the root logger's one appender writes for the event. */
    private static String written(LoggerContext context, ILoggingEvent event) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.iteratorForAppenders()
                .next();
        return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    private static LoggingEvent event(LoggerContext context, String message, Object... arguments) {
        return new LoggingEvent(LogFormatTest.class.getName(), context.getLogger("org.galdav.http.DavHandler"),
                Level.WARN, message, null, arguments);
    }

    @Test
    void jsonIsOneObjectPerLineWithLevelLoggerAndMessage() throws Exception {
        LoggerContext context = configured("json");
        try {
            String line = written(context, event(context, "PROPFIND {} -> 400: {}", "/a\"b\nc",
                    "say \"hi\"\r\n2026-12-02T05:00:00.000Z WARN forged"));
            assertThat(line).endsWith("\n");
            assertThat(line.strip()).doesNotContain("\n", "\r");
            Map<String, Object> object = new Json().toType(line, Json.MAP_TYPE);
            assertThat(object).containsEntry("level", "WARN").containsEntry("loggerName", "org.galdav.http.DavHandler")
                    .containsEntry("message", "PROPFIND {} -> 400: {}")
                    .containsEntry("formattedMessage", "PROPFIND /a\"b\nc -> 400: say \"hi\"\r\n"
                            + "2026-12-02T05:00:00.000Z WARN forged");
            assertThat(object.get("timestamp")).isInstanceOf(Number.class);
        } finally {
            context.stop();
        }
    }

    @Test
    void plainIsTheDefaultAndEscapesLineBreaks() throws Exception {
        LoggerContext context = configured(null);
        try {
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("plain")).isNotNull();
            String line = written(context, event(context, "GET {}", "/x\nforged"));
            assertThat(line).matches("\\S+ WARN  DavHandler - GET /x\\\\nforged\\R");
        } finally {
            context.stop();
        }
    }

    @Test
    void theRunningLogSwitchesFormat() {
        assertThat(LogFormat.current()).isEqualTo("plain");
        try {
            LogFormat.use("json");
            assertThat(LogFormat.current()).isEqualTo("json");
            assertThat(LoggerFactory.getLogger(LogFormatTest.class).isInfoEnabled()).as("levels read again").isTrue();
        } finally {
            LogFormat.use("plain");
        }
        assertThat(LogFormat.current()).isEqualTo("plain");
    }
}
