package io.aria.core.indicators;

import io.aria.core.Values;

/**
 * Mean and population standard deviation of the last {@code window} values.
 *
 * <p>Numerically stable: sums are kept relative to a shift close to the window's mean, and every
 * {@code window} updates they are recomputed exactly from the ring (two passes), so rounding
 * errors never accumulate; the cost stays O(1) amortised. Before the window is full the
 * statistics cover the values seen so far. Not thread-safe.
 */
public final class RollingStats {

    private final DoubleRing ring;
    private double shift;
    private double sum;
    private double sumSq;
    private int sinceRecompute;

    /**
     * @param window number of values, &ge; 1
     * @throws IllegalArgumentException when window &lt; 1
     */
    public RollingStats(int window) {
        this.ring = new DoubleRing(Values.atLeast(window, 1, "window"));
    }

    /**
     * @param x next value (finite)
     */
    public void update(double x) {
        if (ring.size() == 0) {
            shift = x;
        }
        double evicted = ring.push(x);
        if (!Double.isNaN(evicted)) {
            double d = evicted - shift;
            sum -= d;
            sumSq -= d * d;
        }
        double d = x - shift;
        sum += d;
        sumSq += d * d;
        if (++sinceRecompute >= ring.capacity()) {
            recompute();
        }
    }

    private void recompute() {
        int n = ring.size();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += ring.get(i);
        }
        shift = s / n;
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double d = ring.get(i) - shift;
            s1 += d;
            s2 += d * d;
        }
        sum = s1;
        sumSq = s2;
        sinceRecompute = 0;
    }

    /** @return the mean of the values in the window, NaN when empty */
    public double mean() {
        int n = ring.size();
        return n == 0 ? Double.NaN : shift + sum / n;
    }

    /** @return the population variance of the values in the window, NaN when empty */
    public double variance() {
        int n = ring.size();
        if (n == 0) {
            return Double.NaN;
        }
        double v = (sumSq - sum * sum / n) / n;
        return v > 0 ? v : 0;
    }

    /** @return the population standard deviation of the values in the window, NaN when empty */
    public double stdDev() {
        return Math.sqrt(variance());
    }

    /** @return true once the window is full */
    public boolean isReady() {
        return ring.full();
    }

    /** @return the window length */
    public int window() {
        return ring.capacity();
    }

    /** Forgets everything seen. */
    public void reset() {
        ring.clear();
        sum = 0;
        sumSq = 0;
        sinceRecompute = 0;
    }
}
