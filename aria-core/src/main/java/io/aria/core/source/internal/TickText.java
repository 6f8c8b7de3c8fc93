package io.aria.core.source.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The field syntax every tick layout shares: plain decimals, prices, volumes, fixed-width digits,
 * calendar times, ISO-8601 times, and a line cut short for a message. A bad field throws
 * {@link Malformed} with the reason.
 */
final class TickText {

    private static final int MAX_TEXT = 120;
    /** Longest number taken as a price or volume. */
    private static final int MAX_NUMBER = 64;

    private TickText() {
    }

    /** @return the text cut to {@value #MAX_TEXT} characters, control characters escaped, so a message stays one line */
    static String truncate(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT) + 8);
        for (int i = 0; i < s.length() && i < MAX_TEXT; i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > MAX_TEXT) {
            b.append("...");
        }
        return b.toString();
    }

    static long isoTime(String s) {
        // the common form 2024-01-02T00:05:00[.123]Z directly; anything else through java.time
        int n = s.length();
        if (n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(n - 1) == 'Z' && (n == 20 || (s.charAt(19) == '.' && n <= 30))
                && allDigits(s, 0, 4) && allDigits(s, 5, 7) && allDigits(s, 8, 10) && allDigits(s, 11, 13)
                && allDigits(s, 14, 16) && allDigits(s, 17, 19) && (n == 20 || (n > 21 && allDigits(s, 20, n - 1)))) {
            int ms = 0;
            for (int i = 20; i < Math.min(23, n - 1); i++) {
                ms = ms * 10 + (s.charAt(i) - '0');
            }
            for (int i = Math.max(n - 1, 20); i < 23; i++) {
                ms *= 10;
            }
            return epochMillis(digits(s, 0, 4, "time"), digits(s, 5, 7, "time"), digits(s, 8, 10, "time"),
                    digits(s, 11, 13, "time"), digits(s, 14, 16, "time"), digits(s, 17, 19, "time"), ms,
                    ZoneOffset.UTC);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                throw new Malformed("time must be ISO-8601 UTC like 2024-01-02T00:05:00.123Z, was '" + truncate(s) + "'");
            }
        }
    }

    static long epochMillis(int y, int mo, int d, int h, int mi, int s, int ms, ZoneId zone) {
        try {
            if (h > 23 || mi > 59 || s > 59) {
                throw new Malformed("time of day out of range: " + h + ":" + mi + ":" + s);
            }
            long msOfDay = ((h * 60L + mi) * 60 + s) * 1000 + ms;
            if (zone instanceof ZoneOffset) {
                return LocalDate.of(y, mo, d).toEpochDay() * 86_400_000L + msOfDay
                        - ((ZoneOffset) zone).getTotalSeconds() * 1000L;
            }
            return LocalDateTime.of(y, mo, d, h, mi, s, ms * 1_000_000).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new Malformed("invalid date: " + e.getMessage());
        }
    }

    static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static int digits(String s, int from, int to, String field) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Malformed(field + " has a non-digit '" + c + "' in '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Parses a plain decimal: an optional minus, digits with an optional fraction (at least one
     * digit in all), an optional exponent. {@link Double#parseDouble} alone would also take Java
     * literals ({@code 1.5f}, {@code 1e3d}, {@code 0x1.1p0}, {@code NaN}, {@code Infinity}) that no
     * tick export writes: those are malformed.
     */
    static double number(String s, String field) {
        if (!isDecimal(s)) {
            throw new Malformed(field + " is not a decimal number: '" + truncate(s) + "'");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new Malformed(field + " is out of range: '" + truncate(s) + "'");
        }
        return v;
    }

    static boolean isDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMBER) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        int mantissa = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissa++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissa++;
            }
        }
        if (mantissa == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return the volume in column {@code col}, 0 when the column is absent or empty */
    static double volume(String[] f, int col) {
        if (col < 0 || col >= f.length || f[col].isBlank()) {
            return 0;
        }
        double v = number(f[col].strip(), "volume");
        if (v < 0) {
            throw new Malformed("volume must be >= 0, was " + truncate(f[col].strip()));
        }
        return v;
    }

    static double price(String s, String field) {
        if (s.isEmpty()) {
            throw new Malformed(field + " is empty");
        }
        double v = number(s, field);
        if (!(v > 0)) {
            throw new Malformed(field + " must be > 0, was " + truncate(s));
        }
        return v;
    }

    /** A line-level problem; the message is the reason. */
    static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
