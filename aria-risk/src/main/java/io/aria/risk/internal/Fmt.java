package io.aria.risk.internal;

import java.util.Locale;

/** Number formats for verdict messages and sizing notes. */
public final class Fmt {

    private Fmt() {
    }

    /**
     * @param v an amount
     * @return two decimals
     */
    public static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * @param share a share, 0.1 for 10%
     * @return a percentage with two decimals, "10.00%"
     */
    public static String pct(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    /**
     * @param v a number
     * @return up to six significant decimals
     */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /**
     * @param lots a volume
     * @return the volume without trailing zeros
     */
    public static String lots(double lots) {
        return java.math.BigDecimal.valueOf(lots).stripTrailingZeros().toPlainString();
    }
}
