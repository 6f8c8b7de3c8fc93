package io.aria.core.indicators;

import io.aria.core.Values;

/**
 * Kaufman's efficiency ratio over {@code period} changes: the net move |x<sub>t</sub> &minus;
 * x<sub>t&minus;n</sub>| divided by the path length &Sigma;|x<sub>i</sub> &minus; x<sub>i&minus;1</sub>|
 * over the same span. 1 for a straight line, near 0 for noise; 0 when the path has no length.
 * Before {@code period} changes have been seen it covers the changes so far. The path length is
 * recomputed exactly every {@code period} updates. Not thread-safe.
 */
public final class EfficiencyRatio {

    private final DoubleRing values;
    private final DoubleRing changes;
    private double path;
    private int sinceRecompute;

    /**
     * @param period number of changes, &ge; 1
     * @throws IllegalArgumentException when period &lt; 1
     */
    public EfficiencyRatio(int period) {
        Values.atLeast(period, 1, "period");
        this.values = new DoubleRing(period + 1);
        this.changes = new DoubleRing(period);
    }

    /**
     * @param x next value (finite)
     * @return the updated ratio in [0, 1]
     */
    public double update(double x) {
        if (values.size() > 0) {
            double change = Math.abs(x - values.newest());
            double evicted = changes.push(change);
            if (!Double.isNaN(evicted)) {
                path -= evicted;
            }
            path += change;
            if (++sinceRecompute >= changes.capacity()) {
                double p = 0;
                for (int i = 0; i < changes.size(); i++) {
                    p += changes.get(i);
                }
                path = p;
                sinceRecompute = 0;
            }
        }
        values.push(x);
        return value();
    }

    /** @return the ratio in [0, 1]; 0 before two values or when the path has no length */
    public double value() {
        if (values.size() < 2 || !(path > 0)) {
            return 0;
        }
        double r = Math.abs(values.newest() - values.oldest()) / path;
        return r > 1 ? 1 : r;
    }

    /** @return the current path length (sum of absolute changes in the window) */
    public double pathLength() {
        return path;
    }

    /** @return true once {@code period} changes have been seen */
    public boolean isReady() {
        return changes.full();
    }

    /** @return the period */
    public int period() {
        return changes.capacity();
    }

    /** Forgets everything seen. */
    public void reset() {
        values.clear();
        changes.clear();
        path = 0;
        sinceRecompute = 0;
    }
}
