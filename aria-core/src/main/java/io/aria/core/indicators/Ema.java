package io.aria.core.indicators;

import io.aria.core.Values;

/**
 * Exponential moving average with smoothing {@code 2 / (period + 1)}, seeded with the first
 * value (ta4j's convention). Ready after {@code period} values. Not thread-safe.
 */
public final class Ema {

    private final int period;
    private final double alpha;
    private double value = Double.NaN;
    private long count;

    /**
     * @param period number of values the average mostly reflects, &ge; 1
     * @throws IllegalArgumentException when period &lt; 1
     */
    public Ema(int period) {
        this.period = Values.atLeast(period, 1, "period");
        this.alpha = 2.0 / (period + 1);
    }

    /**
     * @param x next value (finite)
     * @return the updated average
     */
    public double update(double x) {
        value = count == 0 ? x : value + alpha * (x - value);
        count++;
        return value;
    }

    /** @return the current average, NaN before the first value */
    public double value() {
        return value;
    }

    /** @return true once {@code period} values have been seen */
    public boolean isReady() {
        return count >= period;
    }

    /** @return number of values seen */
    public long count() {
        return count;
    }

    /** @return the period */
    public int period() {
        return period;
    }

    /** Forgets everything seen. */
    public void reset() {
        value = Double.NaN;
        count = 0;
    }
}
