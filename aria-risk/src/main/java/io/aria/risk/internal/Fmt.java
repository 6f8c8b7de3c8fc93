package io.aria.risk.internal;

import java.math.BigDecimal;

/**
 * Number formats for verdict messages and sizing notes, built on every sized intent and every
 * blocked one. They give exactly what {@code String.format(Locale.ROOT, ...)} gives (checked by a
 * property test) without {@link java.util.Formatter}, which parses the pattern with a regular
 * expression and builds a {@code DecimalFormatSymbols} for {@code Locale.ROOT} on every call: about
 * 2 KB of garbage per number, the largest share of the order path's allocation. Like the formatter,
 * these round the shortest decimal form of the double (the digits of {@link Double#toString})
 * half-up; what they allocate is that string, a small digit buffer and the result. Thread-safe (no
 * state).
 */
public final class Fmt {

    private Fmt() {
    }

    /**
     * @param v an amount
     * @return two decimals, as {@code %.2f}
     */
    public static String money(double v) {
        return fixed(v, 2, false);
    }

    /**
     * @param share a share, 0.1 for 10%
     * @return a percentage with two decimals, "10.00%", as {@code %.2f%%} of {@code share * 100}
     */
    public static String pct(double share) {
        return fixed(share * 100, 2, true);
    }

    /**
     * @param v a number
     * @return six significant digits, as {@code %.6g}
     */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v, false);
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        if (v == 0) {
            return negative ? "-0.00000" : "0.00000";
        }
        Digits d = new Digits(Math.abs(v));
        d.roundTo(6);
        int x = d.exp - 1; // the scientific exponent after rounding
        if (x >= -4 && x < 6) {
            return d.fixed(negative, 6 - d.exp, false);
        }
        char[] out = new char[16];
        int n = 0;
        if (negative) {
            out[n++] = '-';
        }
        out[n++] = d.digit(0);
        out[n++] = '.';
        for (int i = 1; i < 6; i++) {
            out[n++] = d.digit(i);
        }
        out[n++] = 'e';
        out[n++] = x < 0 ? '-' : '+';
        int e = Math.abs(x);
        if (e >= 100) {
            out[n++] = (char) ('0' + e / 100);
        }
        out[n++] = (char) ('0' + e / 10 % 10);
        out[n++] = (char) ('0' + e % 10);
        return new String(out, 0, n);
    }

    /**
     * @param lots a volume
     * @return the volume without trailing zeros
     */
    public static String lots(double lots) {
        return BigDecimal.valueOf(lots).stripTrailingZeros().toPlainString();
    }

    private static String fixed(double v, int decimals, boolean percent) {
        if (!Double.isFinite(v)) {
            return nonFinite(v, percent);
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        Digits d = new Digits(Math.abs(v));
        d.roundTo(d.exp + decimals);
        return d.fixed(negative, decimals, percent);
    }

    private static String nonFinite(double v, boolean percent) {
        String s = Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        return percent ? s + "%" : s;
    }

    /**
     * The shortest decimal digits of a non-negative finite double: value = 0.d1d2d3... &times; 10^exp,
     * no leading or trailing zeros (no digits for zero).
     */
    private static final class Digits {
        final char[] d = new char[24];
        int len;
        int exp;

        Digits(double v) {
            if (v == 0) {
                return;
            }
            String s = Double.toString(v);
            int e = s.indexOf('E');
            int end = e < 0 ? s.length() : e;
            int dot = s.indexOf('.');
            int pointAt = dot - 0; // digits before the point in the mantissa text
            boolean leading = true;
            int skipped = 0; // leading zeros dropped after the point
            for (int i = 0; i < end; i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    continue;
                }
                if (leading && c == '0') {
                    if (i > dot) {
                        skipped++;
                    } else {
                        pointAt--;
                    }
                    continue;
                }
                leading = false;
                d[len++] = c;
            }
            exp = (pointAt > 0 ? pointAt : -skipped) + (e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10));
            while (len > 0 && d[len - 1] == '0') {
                len--;
            }
        }

        char digit(int i) {
            return i < len ? d[i] : '0';
        }

        /** Keeps the first {@code keep} digits, rounding half-up on the next one. */
        void roundTo(int keep) {
            if (keep >= len) {
                return;
            }
            if (keep < 0) {
                len = 0;
                return;
            }
            boolean up = d[keep] >= '5';
            len = keep;
            if (up) {
                int i = keep - 1;
                while (i >= 0 && d[i] == '9') {
                    i--;
                }
                if (i < 0) { // 99.5 -> 100: one digit "1" a place higher
                    d[0] = '1';
                    len = 1;
                    exp++;
                } else {
                    d[i]++;
                    len = i + 1;
                }
            }
            while (len > 0 && d[len - 1] == '0') {
                len--;
            }
        }

        String fixed(boolean negative, int decimals, boolean percent) {
            int intDigits = Math.max(exp, 0);
            char[] out = new char[(negative ? 1 : 0) + Math.max(intDigits, 1) + 1 + decimals + 1];
            int n = 0;
            if (negative) {
                out[n++] = '-';
            }
            if (len == 0 || intDigits == 0) {
                out[n++] = '0';
            } else {
                for (int i = 0; i < intDigits; i++) {
                    out[n++] = digit(i);
                }
            }
            if (decimals > 0) {
                out[n++] = '.';
                for (int k = 0; k < decimals; k++) {
                    int i = exp + k; // index of the k-th decimal in d
                    out[n++] = len == 0 || i < 0 ? '0' : digit(i);
                }
            }
            if (percent) {
                out[n++] = '%';
            }
            return new String(out, 0, n);
        }
    }
}
