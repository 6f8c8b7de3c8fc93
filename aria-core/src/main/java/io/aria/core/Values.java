package io.aria.core;

/** Validation helpers for value types; messages name the field and the value. */
final class Values {

    private Values() {
    }

    static double inRange(double v, double lo, double hi, String field) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], was " + v);
        }
        return v;
    }

    static double nonNegative(double v, String field) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and >= 0, was " + v);
        }
        return v;
    }

    static double positive(double v, String field) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite and > 0, was " + v);
        }
        return v;
    }

    static double finite(double v, String field) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(field + " must be finite, was " + v);
        }
        return v;
    }

    static String text(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + (v == null ? "null" : "'" + v + "'"));
        }
        return v;
    }
}
