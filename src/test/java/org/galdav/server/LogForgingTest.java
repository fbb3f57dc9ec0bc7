package org.galdav.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.galdav.core.TimeSource;
import org.galdav.support.Bodies;
import org.galdav.support.DavClient;
import org.galdav.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that try to forge log lines — a line break in the path, in a match-type value and in the Basic
 * login, NUL bytes, NEL — leave exactly one line per event in the log as the shipped {@code logback.xml}
 * writes it (its pattern, captured beside standard output); and stack traces still print on lines of their own.
 */
class LogForgingTest {
    private static final String FORGED = "\n2026-12-02T05:00:00.000Z WARN  galdav - FORGED";
    /** A line as the pattern starts one: timestamp, level, logger, " - ". */
    private static final Pattern EVENT = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ - .*");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> capture;

    @BeforeEach
    void captureTheLogAsConfigured() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("plain");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(((PatternLayoutEncoder) console.getEncoder()).getPattern());
        encoder.setCharset(UTF_8);
        encoder.start();
        capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(encoder);
        capture.setOutputStream(captured);
        capture.start();
    }

    @AfterEach
    void stopCapturing() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
        capture.stop();
    }

    @Test
    void noRequestCanStartALineOfItsOwn() throws Exception {
        try (GaldavServer server = TestServers.start(Map.of("demo.people", 20, "cache.warm-up", false),
                new ArrayList<>(), TimeSource.SYSTEM)) {
            // The access log is written when an exchange completes, which may be after the client has its
            // answer: every access line is awaited before the capture starts or stops.
            Semaphore accessLines = new Semaphore(0);
            AppenderBase<ILoggingEvent> accessCounter = new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    if (event.getLoggerName().equals("galdav.access")) {
                        accessLines.release();
                    }
                }
            };
            accessCounter.setContext(root().getLoggerContext());
            accessCounter.start();
            root().addAppender(accessCounter);
            DavClient demo = new DavClient(server.url(), "demo", "demo");
            assertThat(demo.propfind("/addressbooks/directory/", "0", Bodies.propfind("d:displayname")).statusCode())
                    .as("warm: the login is checked before the capture starts").isEqualTo(207);
            assertThat(accessLines.tryAcquire(1, 30, TimeUnit.SECONDS)).isTrue();
            root().addAppender(capture);

            assertThat(demo.anonymous().get("/x%0A2026-12-02T05:00:00.000Z%20WARN%20%20galdav%20-%20FORGED1")
                    .statusCode()).isEqualTo(401);
            assertThat(demo.report("/addressbooks/directory/", "1", Bodies.query("<C:filter><C:prop-filter name='FN'>"
                    + "<C:text-match match-type='contains&#13;&#10;2026-12-02T05:00:00.000Z WARN  galdav - FORGED2'>x"
                    + "</C:text-match></C:prop-filter></C:filter>", null)).statusCode()).isBetween(400, 403);
            assertThat(demo.as("x\r" + FORGED + "3", "pw").propfind("/", "0", Bodies.propfind("d:displayname"))
                    .statusCode()).isEqualTo(401);
            assertThat(demo.as("nul\u0000FORGED4", "pw").propfind("/", "0", Bodies.propfind("d:displayname"))
                    .statusCode()).isEqualTo(401);
            assertThat(demo.get("/nel%C2%85FORGED5%00").statusCode()).isEqualTo(404);
            assertThat(accessLines.tryAcquire(5, 30, TimeUnit.SECONDS)).as("five access lines logged").isTrue();
            root().detachAppender(accessCounter);
            root().detachAppender(capture);
        }
        String log = captured.toString(UTF_8);
        List<String> lines = Arrays.asList(log.split("\n"));
        assertThat(lines).as(log).allMatch(line -> EVENT.matcher(line).matches());
        assertThat(lines).noneMatch(line -> line.startsWith("2026-12-02T05:00:00.000Z"));
        assertThat(log).doesNotContain("\r", "\u0000", "\u0085");
        assertThat(lines).as("the access log line").filteredOn(line -> line.contains("FORGED1")).hasSize(1);
        assertThat(lines).as("the 404 and the access log line").filteredOn(line -> line.contains("FORGED5")).hasSize(2)
                .allMatch(line -> line.contains("/nel\\u0085FORGED5\\u0000 "));
        assertThat(lines).as("the refused match-type").filteredOn(line -> line.contains("FORGED2")).hasSize(1);
        // Basic credentials end the login at the first colon: the forged line's time is cut there.
        assertThat(lines).as("the refused logins").filteredOn(line -> line.contains("login 'x\\r\\n2026-12-02T05'"))
                .hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("FORGED4")).hasSize(1)
                .allMatch(line -> line.contains("nul\\u0000FORGED4"));
        assertThat(lines).as("5 access lines, a refused filter, 2 refused logins, a 404").hasSize(9);
    }

    @Test
    void stackTracesStillPrintOnLinesOfTheirOwn() {
        root().addAppender(capture);
        LoggerFactory.getLogger(LogForgingTest.class).error("failed for {}", "/y" + FORGED + "6",
                new IllegalStateException("bad value" + FORGED + "7", new IllegalArgumentException("cause" + FORGED + "8")));
        root().detachAppender(capture);
        List<String> lines = Arrays.asList(captured.toString(UTF_8).split("\n"));
        assertThat(lines.get(0)).matches(EVENT).endsWith("failed for /y\\n2026-12-02T05:00:00.000Z WARN  galdav - FORGED6");
        assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: bad value\\n2026-12-02T05:00:00.000Z WARN"
                + "  galdav - FORGED7");
        assertThat(lines.get(2)).startsWith("\tat org.galdav.server.LogForgingTest.");
        assertThat(lines).anyMatch(line -> line.equals("Caused by: java.lang.IllegalArgumentException: cause\\n"
                + "2026-12-02T05:00:00.000Z WARN  galdav - FORGED8"));
        assertThat(lines).noneMatch(line -> line.startsWith("2026-12-02T05:00:00.000Z"));
    }

    private static ch.qos.logback.classic.Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }
}
