package io.aria.analytics.internal;

/** Argument checks for the report records: messages name the field and show the value. */
public final class Checks {

    private Checks() {
    }

    /**
     * @param v     value
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is NaN or infinite
     */
    public static double finite(double v, String field) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite, was " + v);
        }
        return v;
    }

    /**
     * @param v     value
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is negative
     */
    public static long nonNegative(long v, String field) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + v);
        }
        return v;
    }

    /**
     * @param v     value
     * @param lo    lowest allowed
     * @param hi    highest allowed
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is outside [lo, hi] or NaN
     */
    public static double inRange(double v, double lo, double hi, String field) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
        }
        return v;
    }
}
