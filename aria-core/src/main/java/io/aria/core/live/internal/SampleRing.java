package io.aria.core.live.internal;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a series, for percentiles of recent orders. Not
 * thread-safe: callers hold their own lock.
 */
public final class SampleRing {
    private final double[] values;
    private long count;

    /** @param capacity how many recent values are kept, &gt; 0 */
    public SampleRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        values = new double[capacity];
    }

    /** @param v a value (non-finite values are ignored) */
    public void add(double v) {
        if (Double.isFinite(v)) {
            values[(int) (count++ % values.length)] = v;
        }
    }

    /** @return values recorded so far (also those no longer kept) */
    public long count() {
        return count;
    }

    /** @return the kept values, sorted ascending (a copy) */
    public double[] sorted() {
        double[] copy = Arrays.copyOf(values, (int) Math.min(count, values.length));
        Arrays.sort(copy);
        return copy;
    }

    /**
     * @param sorted ascending values
     * @param q      quantile in [0, 1]
     * @return the nearest-rank quantile, 0 without values
     */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
