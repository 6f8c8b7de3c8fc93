package io.aria.core;

/**
 * The one validation helper of ARIA: every module checks its arguments and record components
 * through these methods rather than keeping its own copy. Each method returns the value it was
 * given, so it can be used in an assignment, and throws {@link IllegalArgumentException} with one
 * line that names the field and shows the value, for example {@code "volume must be finite and > 0,
 * was -1.0"}.
 *
 * <p>The methods allocate nothing when the value is valid, so they may sit on the per-tick path.
 * {@code field} is the name the caller's user knows (a record component, a builder option, or a
 * phrase such as {@code "weight of momentum in TREND"}); it is not checked itself.
 */
public final class Values {

    private Values() {
    }

    /**
     * @param v     value
     * @param lo    lowest allowed
     * @param hi    highest allowed
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is outside [lo, hi] or NaN:
     *     {@code "<field> must be in [<lo>, <hi>], was <v>"}
     */
    public static double inRange(double v, double lo, double hi, String field) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
        }
        return v;
    }

    /**
     * @param v     value
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is negative, NaN or infinite:
     *     {@code "<field> must be finite and >= 0, was <v>"}
     */
    public static double nonNegative(double v, String field) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, was " + v);
        }
        return v;
    }

    /**
     * @param v     value (a count, a size, an index)
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is negative: {@code "<field> must be >= 0, was <v>"}
     */
    public static long nonNegative(long v, String field) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + v);
        }
        return v;
    }

    /**
     * @param v     value
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is not above 0, NaN or infinite:
     *     {@code "<field> must be finite and > 0, was <v>"}
     */
    public static double positive(double v, String field) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, was " + v);
        }
        return v;
    }

    /**
     * @param v     value
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is NaN or infinite: {@code "<field> must be finite, was <v>"}
     */
    public static double finite(double v, String field) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite, was " + v);
        }
        return v;
    }

    /**
     * @param v     value (a period, a window, a count)
     * @param min   smallest allowed
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is below min: {@code "<field> must be >= <min>, was <v>"}
     */
    public static int atLeast(int v, int min, String field) {
        if (v < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + v);
        }
        return v;
    }

    /**
     * @param v     value (a duration in seconds, a count)
     * @param min   smallest allowed
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is below min: {@code "<field> must be >= <min>, was <v>"}
     */
    public static long atLeast(long v, long min, String field) {
        if (v < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + v);
        }
        return v;
    }

    /**
     * @param v     value
     * @param field its name
     * @return v
     * @throws IllegalArgumentException when v is null or blank:
     *     {@code "<field> must not be blank, was '<v>'"} (or {@code was null})
     */
    public static String text(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + (v == null ? "null" : "'" + v + "'"));
        }
        return v;
    }
}
