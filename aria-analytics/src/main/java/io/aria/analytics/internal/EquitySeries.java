package io.aria.analytics.internal;

/**
 * Equity over simulated time in bounded memory: samples are resampled to fixed intervals (the
 * last sample of each interval is its point), and when {@code maxPoints} are held the interval
 * doubles and neighbouring points merge, so at most {@code maxPoints} points are ever kept. The
 * maximum drawdown is tracked on every sample, not on the resampled points, so no trough between
 * two points is missed.
 *
 * <p>Not thread-safe: one writer; readers take a {@link #copy()} under the owner's lock.
 */
public final class EquitySeries {

    private final int maxPoints;
    private long intervalMillis;
    private long[] times;
    private double[] values;
    private int size;
    private long currentBucket = Long.MIN_VALUE;

    private long samples;
    private long ignored;
    private double first = Double.NaN;
    private long firstMillis;
    private double last = Double.NaN;
    private long lastMillis;

    private double peak = Double.NEGATIVE_INFINITY;
    private long peakMillis;
    private double ddValue;
    private double ddShare;
    private double ddPeak;
    private long ddPeakMillis;
    private long ddTroughMillis;
    private long ddRecoveryMillis;
    private boolean ddRecovered;

    /**
     * @param intervalMillis resampling interval, &gt; 0
     * @param maxPoints      most points kept, &gt;= 16
     */
    public EquitySeries(long intervalMillis, int maxPoints) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be > 0, was " + intervalMillis);
        }
        if (maxPoints < 16) {
            throw new IllegalArgumentException("maxPoints must be >= 16, was " + maxPoints);
        }
        this.intervalMillis = intervalMillis;
        this.maxPoints = maxPoints;
        this.times = new long[Math.min(maxPoints, 1024)];
        this.values = new double[times.length];
    }

    private EquitySeries(EquitySeries o) {
        this.maxPoints = o.maxPoints;
        this.intervalMillis = o.intervalMillis;
        this.times = java.util.Arrays.copyOf(o.times, o.size);
        this.values = java.util.Arrays.copyOf(o.values, o.size);
        this.size = o.size;
        this.currentBucket = o.currentBucket;
        this.samples = o.samples;
        this.ignored = o.ignored;
        this.first = o.first;
        this.firstMillis = o.firstMillis;
        this.last = o.last;
        this.lastMillis = o.lastMillis;
        this.peak = o.peak;
        this.peakMillis = o.peakMillis;
        this.ddValue = o.ddValue;
        this.ddShare = o.ddShare;
        this.ddPeak = o.ddPeak;
        this.ddPeakMillis = o.ddPeakMillis;
        this.ddTroughMillis = o.ddTroughMillis;
        this.ddRecoveryMillis = o.ddRecoveryMillis;
        this.ddRecovered = o.ddRecovered;
    }

    /** @return a copy holding only the points, for computing a report outside the lock */
    public EquitySeries copy() {
        return new EquitySeries(this);
    }

    /**
     * @param equity      equity; non-finite values are ignored and counted
     * @param epochMillis time; a sample earlier than the previous one is ignored and counted
     * @return whether the sample was taken
     */
    public boolean add(double equity, long epochMillis) {
        if (!Double.isFinite(equity) || (samples > 0 && epochMillis < lastMillis)) {
            ignored++;
            return false;
        }
        if (samples == 0) {
            first = equity;
            firstMillis = epochMillis;
        }
        samples++;
        last = equity;
        lastMillis = epochMillis;
        trackDrawdown(equity, epochMillis);
        long bucket = Math.floorDiv(epochMillis, intervalMillis);
        // One doubling merges nothing when the points sit in every other interval, so keep
        // doubling until the new sample shares the last point's interval or there is room.
        while (bucket != currentBucket && size == maxPoints) {
            coarsen();
            bucket = Math.floorDiv(epochMillis, intervalMillis);
        }
        if (bucket == currentBucket) {
            times[size - 1] = epochMillis;
            values[size - 1] = equity;
            return true;
        }
        if (size == times.length) {
            int n = Math.min(maxPoints, Math.max(16, times.length * 2));
            times = java.util.Arrays.copyOf(times, n);
            values = java.util.Arrays.copyOf(values, n);
        }
        times[size] = epochMillis;
        values[size] = equity;
        size++;
        currentBucket = bucket;
        return true;
    }

    /** Doubles the interval; of the points that now share an interval, the last stays. */
    private void coarsen() {
        intervalMillis *= 2;
        int out = 0;
        for (int i = 0; i < size; i++) {
            long b = Math.floorDiv(times[i], intervalMillis);
            if (out > 0 && Math.floorDiv(times[out - 1], intervalMillis) == b) {
                out--;
            }
            times[out] = times[i];
            values[out] = values[i];
            out++;
        }
        size = out;
        currentBucket = Math.floorDiv(times[size - 1], intervalMillis);
    }

    private void trackDrawdown(double v, long t) {
        if (v >= peak) {
            peak = v;
            peakMillis = t;
            if (ddValue > 0 && !ddRecovered && v >= ddPeak) {
                ddRecovered = true;
                ddRecoveryMillis = t;
            }
            return;
        }
        double dd = peak - v;
        double share = peak > 0 ? Math.min(1.0, dd / peak) : 1.0;
        if (share > ddShare || (share == ddShare && dd > ddValue)) {
            ddShare = share;
            ddValue = dd;
            ddPeak = peak;
            ddPeakMillis = peakMillis;
            ddTroughMillis = t;
            ddRecovered = false;
            ddRecoveryMillis = 0;
        }
    }

    /** @return the interval of the points now, which doubles each time the points are merged */
    public long intervalMillis() {
        return intervalMillis;
    }

    /** @return points held */
    public int size() {
        return size;
    }

    /** @return the points' values (a copy) */
    public double[] values() {
        return java.util.Arrays.copyOf(values, size);
    }

    /** @return the points' times (a copy) */
    public long[] times() {
        return java.util.Arrays.copyOf(times, size);
    }

    /** @return samples accepted */
    public long samples() {
        return samples;
    }

    /** @return samples ignored (non-finite or out of order) */
    public long ignored() {
        return ignored;
    }

    /** @return the first sample, NaN when none */
    public double first() {
        return first;
    }

    /** @return time of the first sample */
    public long firstMillis() {
        return firstMillis;
    }

    /** @return the latest sample, NaN when none */
    public double last() {
        return last;
    }

    /** @return time of the latest sample */
    public long lastMillis() {
        return lastMillis;
    }

    /** @return the largest drop from a peak, in money */
    public double drawdownValue() {
        return ddValue;
    }

    /** @return the largest drop from a peak as a share of the peak, in [0, 1] */
    public double drawdownShare() {
        return ddShare;
    }

    /** @return when the peak before the largest drawdown was reached */
    public long drawdownPeakMillis() {
        return ddPeakMillis;
    }

    /** @return when the largest drawdown's trough was reached */
    public long drawdownTroughMillis() {
        return ddTroughMillis;
    }

    /** @return whether equity came back to the peak after the largest drawdown */
    public boolean drawdownRecovered() {
        return ddRecovered;
    }

    /** @return when it came back, 0 when it has not */
    public long drawdownRecoveryMillis() {
        return ddRecoveryMillis;
    }
}
