package io.aria.core.ensemble;

/**
 * Clamps the models' arithmetic into the ranges a vote and a confidence must have, so a model that
 * divides by zero or overflows yields 0 rather than NaN. Argument checks are in
 * {@link io.aria.core.Values}.
 */
final class Clamps {

    private Clamps() {
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
