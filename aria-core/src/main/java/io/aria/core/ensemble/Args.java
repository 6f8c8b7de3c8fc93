package io.aria.core.ensemble;

/** Argument checks with messages that name the field and show the value. */
final class Args {

    private Args() {
    }

    static int atLeast(int v, int min, String field) {
        if (v < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + v);
        }
        return v;
    }

    static double positive(double v, String field) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, was " + v);
        }
        return v;
    }

    static double nonNegative(double v, String field) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, was " + v);
        }
        return v;
    }

    static double inRange(double v, double lo, double hi, String field) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
        }
        return v;
    }

    static int symbol(int symbol, int symbols) {
        if (symbol < 0 || symbol >= symbols) {
            throw new IllegalArgumentException("symbol index must be in [0, " + symbols + "), was " + symbol);
        }
        return symbol;
    }

    /** @return x clamped to [-1, 1]; 0 when x is not finite */
    static double vote(double x) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        return x > 1 ? 1 : (x < -1 ? -1 : x);
    }

    /** @return x clamped to [0, 1]; 0 when x is not finite */
    static double unit(double x) {
        if (!Double.isFinite(x)) {
            return 0;
        }
        return x > 1 ? 1 : (x < 0 ? 0 : x);
    }

    /** @return a / b, or 0 when b is not positive or the result is not finite */
    static double ratio(double a, double b) {
        if (!(b > 0)) {
            return 0;
        }
        double r = a / b;
        return Double.isFinite(r) ? r : 0;
    }

    /** @return short / long average true range: 1 while both are 0, capped at 1000 (also when only long is 0) */
    static double atrRatio(double shortAtr, double longAtr) {
        if (longAtr > 0) {
            return Math.min(1000, shortAtr / longAtr);
        }
        return shortAtr > 0 ? 1000 : 1;
    }
}
