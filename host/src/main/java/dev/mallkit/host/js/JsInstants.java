package dev.mallkit.host.js;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants as they cross the JavaScript boundary, with the exact text and the exact acceptance of
 * {@link Instant#toString()} and {@link Instant#parse}. Those go through {@code DateTimeFormatter}, which took
 * a fifth of a warm JavaScript call in the profile; the shape JavaScript's {@code Date.toISOString()} and the
 * host produce ({@code 2026-11-01T00:00:00.000Z}, years 0000–9999) is handled directly, anything else falls
 * back to the JDK.
 */
final class JsInstants {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private JsInstants() {
    }

    /** @return the text of {@link Instant#toString()} */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds >= END) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        StringBuilder text = new StringBuilder(30);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        int nano = instant.getNano();
        // as many digits as needed, in groups of three (DateTimeFormatter.ISO_INSTANT)
        if (nano % 1_000_000 == 0) {
            if (nano != 0) {
                digits(text.append('.'), nano / 1_000_000, 3);
            }
        } else if (nano % 1_000 == 0) {
            digits(text.append('.'), nano / 1_000, 6);
        } else {
            digits(text.append('.'), nano, 9);
        }
        return text.append('Z').toString();
    }

    /**
     * @return the instant {@link Instant#parse} returns for {@code text}
     * @throws java.time.format.DateTimeParseException when {@link Instant#parse} would
     */
    static Instant parse(String text) {
        Instant fast = parseCommon(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** @return the instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields, or null for any other text */
    private static Instant parseCommon(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (length > 20) {
            int fraction = number(text, 20, length - 1);
            if (text.charAt(19) != '.' || fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int scale = length - 21; scale < 9; scale++) {
                nano *= 10;
            }
        }
        LocalDate first = LocalDate.of(year, month, 1);
        if (day > first.lengthOfMonth()) {
            return null;
        }
        long epochDay = first.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
    }

    /** @return the decimal value of the ASCII digits in [from, to) (at most 9), or -1 when one is not a digit */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** {@code value} (not negative, fewer than {@code width} + 1 digits) zero-padded to {@code width}, without a String per field */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (int rest = value; divisor > 0; divisor /= 10) {
            text.append((char) ('0' + rest / divisor));
            rest %= divisor;
        }
        return text;
    }
}
