package io.aria.analytics.internal;

import java.util.Arrays;

/** Plain statistics on arrays of interval returns. Undefined results are 0, never NaN or infinite. */
public final class Stats {

    private Stats() {
    }

    /**
     * @param values equity points in time order
     * @return simple returns {@code v[i] / v[i-1] - 1}; steps from a non-positive value are skipped
     */
    public static double[] returns(double[] values) {
        double[] r = new double[Math.max(0, values.length - 1)];
        int n = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i - 1] > 0) {
                r[n++] = values[i] / values[i - 1] - 1;
            }
        }
        return n == r.length ? r : Arrays.copyOf(r, n);
    }

    /** @return the mean, 0 when empty */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return 0;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** @return the sample standard deviation (n - 1), 0 with fewer than two values */
    public static double stdev(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    /**
     * @param x      returns
     * @param target minimum acceptable return per interval
     * @return the downside deviation {@code sqrt(sum(min(0, r - target)^2) / n)}, 0 when empty
     */
    public static double downsideDeviation(double[] x, double target) {
        if (x.length == 0) {
            return 0;
        }
        double s = 0;
        for (double v : x) {
            double d = Math.min(0, v - target);
            s += d * d;
        }
        return Math.sqrt(s / x.length);
    }

    /**
     * Historical value at risk and expected shortfall.
     *
     * @param x          returns
     * @param confidence for example 0.95
     * @return {VaR, ES} as positive losses (a negative figure means even the tail gained): with
     *     {@code k = ceil(n * (1 - confidence))}, VaR is minus the k-th smallest return and ES minus
     *     the mean of the k smallest; {0, 0} when empty
     */
    public static double[] tail(double[] x, double confidence) {
        if (x.length == 0) {
            return new double[] {0, 0};
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int k = (int) Math.max(1, Math.ceil(s.length * (1 - confidence) - 1e-9));
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += s[i];
        }
        return new double[] {finite(-s[k - 1]), finite(-sum / k)};
    }

    /** @return {@code v} when finite, else 0 */
    public static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /** @return {@code a / b}, 0 when {@code b} is 0 or the result is not finite */
    public static double ratio(double a, double b) {
        return b == 0 ? 0 : finite(a / b);
    }
}
