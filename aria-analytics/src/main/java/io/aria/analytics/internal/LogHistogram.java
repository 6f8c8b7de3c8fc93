package io.aria.analytics.internal;

import java.util.Arrays;

/**
 * A fixed-size histogram of signed doubles in logarithmic buckets: memory never grows, however
 * many values are recorded. Magnitudes below {@code resolution} fall in one zero bucket; above
 * {@code maxMagnitude} they fall in the outermost bucket. Count, sum, exact minimum and exact
 * maximum are kept beside the buckets.
 *
 * <p>Percentiles use the nearest-rank rule (the value of rank {@code ceil(p * n)} in sorted
 * order) and return the bucket's geometric middle, clamped to the exact minimum and maximum, so
 * the answer is within {@code relativePrecision} of the true nearest-rank value for magnitudes in
 * range, and percentiles never decrease as {@code p} grows.
 *
 * <p>Not thread-safe: one writer; readers take a {@link #copy()} under the owner's lock.
 */
public final class LogHistogram {

    private final double resolution;
    private final double logBase;
    private final int bucketsPerSign;
    private final long[] counts;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /**
     * @param resolution        smallest magnitude told apart from zero, &gt; 0
     * @param maxMagnitude      largest magnitude with its own bucket, &gt; resolution
     * @param relativePrecision bucket width as a share of the value, in (0, 1)
     */
    public LogHistogram(double resolution, double maxMagnitude, double relativePrecision) {
        if (!(resolution > 0) || !Double.isFinite(resolution)) {
            throw new IllegalArgumentException("resolution must be finite and > 0, was " + resolution);
        }
        if (!(maxMagnitude > resolution) || !Double.isFinite(maxMagnitude)) {
            throw new IllegalArgumentException("maxMagnitude must be finite and > resolution (" + resolution
                    + "), was " + maxMagnitude);
        }
        if (!(relativePrecision > 0 && relativePrecision < 1)) {
            throw new IllegalArgumentException("relativePrecision must be in (0, 1), was " + relativePrecision);
        }
        this.resolution = resolution;
        this.logBase = Math.log1p(relativePrecision);
        this.bucketsPerSign = (int) Math.ceil(Math.log(maxMagnitude / resolution) / logBase) + 1;
        this.counts = new long[2 * bucketsPerSign + 1];
    }

    private LogHistogram(LogHistogram o) {
        this.resolution = o.resolution;
        this.logBase = o.logBase;
        this.bucketsPerSign = o.bucketsPerSign;
        this.counts = o.counts.clone();
        this.count = o.count;
        this.sum = o.sum;
        this.min = o.min;
        this.max = o.max;
    }

    /** @return an independent copy */
    public LogHistogram copy() {
        return new LogHistogram(this);
    }

    /** @param v a value; non-finite values are ignored */
    public void record(double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        counts[index(v)]++;
        count++;
        sum += v;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }

    private int index(double v) {
        double m = Math.abs(v);
        if (m < resolution) {
            return bucketsPerSign;
        }
        int k = Math.min(bucketsPerSign - 1, (int) (Math.log(m / resolution) / logBase));
        return v > 0 ? bucketsPerSign + 1 + k : bucketsPerSign - 1 - k;
    }

    /** The geometric middle of bucket {@code i}. */
    private double representative(int i) {
        if (i == bucketsPerSign) {
            return 0;
        }
        int k = i > bucketsPerSign ? i - bucketsPerSign - 1 : bucketsPerSign - 1 - i;
        double mid = resolution * Math.exp((k + 0.5) * logBase);
        return i > bucketsPerSign ? mid : -mid;
    }

    /** @return values recorded */
    public long count() {
        return count;
    }

    /** @return mean, 0 when empty */
    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** @return exact minimum, 0 when empty */
    public double min() {
        return count == 0 ? 0 : min;
    }

    /** @return exact maximum, 0 when empty */
    public double max() {
        return count == 0 ? 0 : max;
    }

    /**
     * @param p quantile in (0, 1]
     * @return the nearest-rank percentile, 0 when empty
     */
    public double percentile(double p) {
        return percentiles(p)[0];
    }

    /**
     * Several percentiles in one pass over the buckets.
     *
     * @param ps quantiles in (0, 1], in increasing order
     * @return the nearest-rank percentiles, in the same order; zeros when empty
     */
    public double[] percentiles(double... ps) {
        double[] out = new double[ps.length];
        long[] ranks = new long[ps.length];
        for (int j = 0; j < ps.length; j++) {
            double p = ps[j];
            if (!(p > 0 && p <= 1) || (j > 0 && p < ps[j - 1])) {
                throw new IllegalArgumentException("ps must be increasing and in (0, 1], was " + java.util.Arrays.toString(ps));
            }
            ranks[j] = Math.max(1, (long) Math.ceil(p * count));
        }
        if (count == 0) {
            return out;
        }
        int j = 0;
        long seen = 0;
        for (int i = 0; i < counts.length && j < ps.length; i++) {
            seen += counts[i];
            while (j < ps.length && seen >= ranks[j]) {
                out[j] = ranks[j] >= count ? max : Math.min(max, Math.max(min, representative(i)));
                j++;
            }
        }
        for (; j < ps.length; j++) {
            out[j] = max;
        }
        return out;
    }

    /** Forgets every value. */
    public void clear() {
        Arrays.fill(counts, 0);
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }
}
