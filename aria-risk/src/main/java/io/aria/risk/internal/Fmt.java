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
 *
 * <p>Most numbers take a faster path that needs no {@code Double.toString}: the value scaled to an
 * integer of the digits kept, rounded in binary. The shortest decimal form lies within half an ulp
 * of the double, so both round to the same integer unless the scaled value is within a few ulps of
 * a tie (x.5); those, and values too large for exact integers, take the digit path above. The
 * property test holds both paths to {@code String.format}, ties included.
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
        String fast = fastNum(Math.abs(v), negative);
        if (fast != null) {
            return fast;
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

    private static final long[] POW10 = new long[19];
    private static final double[] POW10D = new double[23];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        double q = 1;
        for (int i = 0; i < POW10D.length; i++) {
            POW10D[i] = q; // exact: 10^22 is the largest power of ten a double holds exactly
            q *= 10;
        }
    }

    /**
     * @param y a value scaled so that the digits kept are its integer part, 0 &lt;= y &lt; 2^52
     * @return y rounded half-up to an integer, or -1 when y is within a few ulps of a tie, where
     *     rounding the double and rounding its shortest decimal form may differ
     */
    private static long roundScaled(double y) {
        double r = Math.floor(y);
        double f = y - r; // exact below 2^52
        double tol = 8 * Math.ulp(y); // the product's rounding plus the shortest form's distance, scaled
        if (Math.abs(f - 0.5) <= tol) {
            return -1;
        }
        return (long) r + (f > 0.5 ? 1 : 0);
    }

    /** %.6g of a = |v| &gt; 0 when the binary rounding decides it, else null. */
    private static String fastNum(double a, boolean negative) {
        if (!(a >= 1e-300 && a < 1e300)) {
            return null;
        }
        int x = (int) Math.floor(Math.log10(a)); // may be off by one: checked below
        int k = 5 - x; // a * 10^k has six digits before the point
        if (k > 22 || k < -22) {
            return null;
        }
        double y = k >= 0 ? a * POW10D[k] : a / POW10D[-k];
        if (!(y >= 100_000 && y < 1_000_000)) {
            return null;
        }
        long n = roundScaled(y);
        if (n < 0) {
            return null;
        }
        if (n == 1_000_000) { // 999999.7 -> 1.00000 a place higher
            n = 100_000;
            x++;
        }
        char[] out = new char[24];
        int c = 0;
        if (negative) {
            out[c++] = '-';
        }
        if (x >= -4 && x < 6) {
            return fixedDigits(out, c, n, 5 - x, false);
        }
        out[c++] = (char) ('0' + n / 100_000);
        out[c++] = '.';
        for (int i = 4; i >= 0; i--) {
            out[c++] = (char) ('0' + n / POW10[i] % 10);
        }
        out[c++] = 'e';
        out[c++] = x < 0 ? '-' : '+';
        int e = Math.abs(x);
        if (e >= 100) {
            out[c++] = (char) ('0' + e / 100);
        }
        out[c++] = (char) ('0' + e / 10 % 10);
        out[c++] = (char) ('0' + e % 10);
        return new String(out, 0, c);
    }

    /** Writes n &times; 10^-decimals in fixed notation after the c chars already in out. */
    private static String fixedDigits(char[] out, int c, long n, int decimals, boolean percent) {
        long unit = POW10[decimals];
        long whole = n / unit;
        long frac = n % unit;
        if (whole == 0) {
            out[c++] = '0';
        } else {
            int w = 1;
            while (w < 19 && POW10[w] <= whole) {
                w++;
            }
            for (int i = w - 1; i >= 0; i--) {
                out[c++] = (char) ('0' + whole / POW10[i] % 10);
            }
        }
        if (decimals > 0) {
            out[c++] = '.';
            for (int i = decimals - 1; i >= 0; i--) {
                out[c++] = (char) ('0' + frac / POW10[i] % 10);
            }
        }
        if (percent) {
            out[c++] = '%';
        }
        return new String(out, 0, c);
    }

    private static String fixed(double v, int decimals, boolean percent) {
        if (!Double.isFinite(v)) {
            return nonFinite(v, percent);
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        if (a < 1e13) { // scaled by 100 still far below 2^52
            long n = roundScaled(a * POW10D[decimals]);
            if (n >= 0) {
                char[] out = new char[1 + 16 + 1 + decimals + 1];
                int c = 0;
                if (negative) {
                    out[c++] = '-';
                }
                return fixedDigits(out, c, n, decimals, percent);
            }
        }
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
