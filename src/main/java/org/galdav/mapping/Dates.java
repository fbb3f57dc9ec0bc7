package org.galdav.mapping;

import com.unboundid.util.StaticUtils;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as directories store them: YYYYMMDD, YYYY-MM-DD, or a GeneralizedTime (date part). */
final class Dates {
    private static final Pattern DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2}).*");

    private Dates() {
    }

    static Optional<LocalDate> parse(String text) {
        Matcher m = DATE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A GeneralizedTime (RFC 4517 §3.3.13) as an instant, exactly as UnboundID decodes it. The usual UTC forms
     * ({@code 20261202101500Z}, Active Directory's {@code 20261202101500.0Z}) are read directly: every entry's
     * modifyTimestamp is one, and the library's general parser was a fifth of a cold listing's mapping.
     */
    static Instant generalizedTime(String text) throws ParseException {
        Instant fast = utc(text);
        return fast != null ? fast : StaticUtils.decodeGeneralizedTime(text).toInstant();
    }

    /** The UTC forms with seconds and an optional fraction, to the millisecond; null for any other form. */
    static Instant utc(String text) {
        int length = text.length();
        if (length < 15 || text.charAt(length - 1) != 'Z' || !digits(text, 0, 14)) {
            return null;
        }
        int millis = 0;
        if (length > 15) {
            if (text.charAt(14) != '.' && text.charAt(14) != ',' || length == 16 || !digits(text, 15, length - 1)) {
                return null;
            }
            String fraction = (text.substring(15, length - 1) + "00").substring(0, 3);
            millis = Integer.parseInt(fraction);
        }
        try {
            LocalDateTime time = LocalDateTime.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8),
                    number(text, 8, 10), number(text, 10, 12), number(text, 12, 14));
            return time.toInstant(ZoneOffset.UTC).plusMillis(millis);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}
