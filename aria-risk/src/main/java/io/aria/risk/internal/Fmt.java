package io.aria.risk.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formats for verdict messages and sizing notes, built on every sized intent and every
 * blocked one. They give exactly what {@code String.format(Locale.ROOT, ...)} gives (checked by a
 * property test), without {@link java.util.Formatter}: that parses the pattern with a regular
 * expression and builds a {@code DecimalFormatSymbols} for {@code Locale.ROOT} on each call, about
 * 3 KB of garbage per number, the largest share of the order path's allocation. Like the
 * formatter, these round the shortest decimal form of the double ({@link Double#toString})
 * half-up. Thread-safe (no state).
 */
public final class Fmt {

    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_UP);
    private static final BigDecimal TEN_TO_MINUS_FOUR = BigDecimal.valueOf(1, 4);
    private static final BigDecimal TEN_TO_SIX = BigDecimal.valueOf(1, -6);

    private Fmt() {
    }

    /**
     * @param v an amount
     * @return two decimals, as {@code %.2f}
     */
    public static String money(double v) {
        return fixed(v, 2, "");
    }

    /**
     * @param share a share, 0.1 for 10%
     * @return a percentage with two decimals, "10.00%", as {@code %.2f%%} of {@code share * 100}
     */
    public static String pct(double share) {
        return fixed(share * 100, 2, "%");
    }

    /**
     * @param v a number
     * @return six significant digits, as {@code %.6g}
     */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        if (v == 0) {
            return negative ? "-0.00000" : "0.00000";
        }
        BigDecimal m = BigDecimal.valueOf(Math.abs(v)).round(SIX);
        String body;
        if (m.compareTo(TEN_TO_MINUS_FOUR) >= 0 && m.compareTo(TEN_TO_SIX) < 0) {
            int intDigits = m.precision() - m.scale(); // digits before the point; <= 0 below 1
            body = m.setScale(6 - intDigits, RoundingMode.HALF_UP).toPlainString();
        } else {
            String digits = m.unscaledValue().toString();
            int exponent = m.precision() - m.scale() - 1;
            StringBuilder sb = new StringBuilder(12).append(digits.charAt(0)).append('.');
            for (int i = 1; i < 6; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                sb.append('0');
            }
            body = sb.append(e).toString();
        }
        return negative ? "-" + body : body;
    }

    /**
     * @param lots a volume
     * @return the volume without trailing zeros
     */
    public static String lots(double lots) {
        return BigDecimal.valueOf(lots).stripTrailingZeros().toPlainString();
    }

    private static String fixed(double v, int decimals, String suffix) {
        if (!Double.isFinite(v)) {
            return nonFinite(v) + suffix;
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String body = BigDecimal.valueOf(Math.abs(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return negative ? "-" + body + suffix : body + suffix;
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }
}
