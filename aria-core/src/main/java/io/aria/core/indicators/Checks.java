package io.aria.core.indicators;

/** Argument checks shared by the indicators. */
final class Checks {

    private Checks() {
    }

    static int period(int period, String field) {
        if (period < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, was " + period);
        }
        return period;
    }
}
