package io.aria.analytics.internal;

/**
 * QuantConnect LEAN's statistics as pure functions of arrays, in LEAN's definitions
 * ({@code QuantConnect.Statistics.Statistics} and {@code PortfolioStatistics}). Variances are
 * sample variances (n - 1), as MathNet's {@code Variance()} that LEAN calls. Each function answers
 * NaN where LEAN's formula is undefined (the caller turns NaN into "not enough data"), never
 * throws on short input.
 */
public final class LeanStats {

    private LeanStats() {
    }

    /** @return the mean, NaN when empty */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** @return the sample variance (n - 1), NaN with fewer than two values */
    public static double variance(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /** @return the sample covariance (n - 1), NaN with fewer than two pairs or unequal lengths */
    public static double covariance(double[] x, double[] y) {
        if (x.length < 2 || x.length != y.length) {
            return Double.NaN;
        }
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }

    /** LEAN's {@code AnnualPerformance}: {@code (1 + mean daily return)^periods - 1} (geometric). */
    public static double annualPerformance(double[] daily, double periods) {
        return Math.pow(mean(daily) + 1, periods) - 1;
    }

    /** LEAN's {@code AnnualVariance}: {@code sample variance * periods}; NaN with fewer than two returns. */
    public static double annualVariance(double[] daily, double periods) {
        return variance(daily) * periods;
    }

    /** LEAN's {@code AnnualDownsideVariance}: the annual variance of the returns below {@code mar}. */
    public static double annualDownsideVariance(double[] daily, double periods, double mar) {
        int n = 0;
        for (double v : daily) {
            if (v < mar) {
                n++;
            }
        }
        double[] below = new double[n];
        int i = 0;
        for (double v : daily) {
            if (v < mar) {
                below[i++] = v;
            }
        }
        return annualVariance(below, periods);
    }

    /**
     * LEAN's Sharpe ratio: {@code (annualPerformance - riskFree) / annualStandardDeviation}.
     *
     * @return NaN when the standard deviation is 0 or undefined (LEAN prints 0)
     */
    public static double sharpe(double[] daily, double periods, double riskFree) {
        double sd = Math.sqrt(annualVariance(daily, periods));
        return sd > 0 ? (annualPerformance(daily, periods) - riskFree) / sd : Double.NaN;
    }

    /**
     * LEAN's Sortino ratio: the Sharpe ratio over the annualised sample standard deviation of the
     * returns below 0 (not the semi-deviation over all returns).
     *
     * @return NaN when fewer than two returns are negative or they do not vary
     */
    public static double sortino(double[] daily, double periods, double riskFree) {
        double dd = Math.sqrt(annualDownsideVariance(daily, periods, 0));
        return dd > 0 ? (annualPerformance(daily, periods) - riskFree) / dd : Double.NaN;
    }

    /** LEAN's {@code ObservedSharpeRatio}: mean / sample standard deviation, not annualised. */
    public static double observedSharpe(double[] x) {
        double sd = Math.sqrt(variance(x));
        return sd > 0 ? mean(x) / sd : Double.NaN;
    }

    /** @return MathNet's sample skewness (the bias-corrected G1), NaN with fewer than three values */
    public static double skewness(double[] x) {
        int n = x.length;
        if (n < 3) {
            return Double.NaN;
        }
        double m = mean(x);
        double sd = Math.sqrt(variance(x));
        double s = 0;
        for (double v : x) {
            double z = (v - m) / sd;
            s += z * z * z;
        }
        return n * s / ((n - 1.0) * (n - 2.0));
    }

    /** @return MathNet's sample excess kurtosis (the bias-corrected G2), NaN with fewer than four values */
    public static double kurtosis(double[] x) {
        int n = x.length;
        if (n < 4) {
            return Double.NaN;
        }
        double m = mean(x);
        double sd = Math.sqrt(variance(x));
        double s = 0;
        for (double v : x) {
            double z = (v - m) / sd;
            s += z * z * z * z;
        }
        double a = (n + 1.0) * n / ((n - 1.0) * (n - 2.0) * (n - 3.0));
        double b = 3.0 * (n - 1.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
        return a * s - b;
    }

    /**
     * LEAN's probabilistic Sharpe ratio against a benchmark Sharpe ratio per period: {@code
     * Phi((SR - SR*) / sqrt((1 - skew SR + (kurt - 1) / 4 SR^2) / (n - 1)))} with LEAN's (excess)
     * kurtosis in the place of Bailey and L&oacute;pez de Prado's raw kurtosis.
     *
     * @return NaN when undefined
     */
    public static double probabilisticSharpe(double[] x, double benchmarkSharpePerPeriod) {
        double sr = observedSharpe(x);
        double skew = skewness(x);
        double kurt = kurtosis(x);
        double var = (1 - skew * sr + (kurt - 1) / 4 * sr * sr) / (x.length - 1);
        if (!(var > 0) || Double.isNaN(sr)) {
            return Double.NaN;
        }
        return normalCdf((sr - benchmarkSharpePerPeriod) / Math.sqrt(var));
    }

    /** LEAN's beta: {@code cov(algo, bench) / var(bench)}; NaN when the benchmark does not vary. */
    public static double beta(double[] algo, double[] bench) {
        double v = variance(bench);
        return v > 0 ? covariance(algo, bench) / v : Double.NaN;
    }

    /** LEAN's tracking error: {@code sqrt(annualVariance(algo - bench))}. */
    public static double trackingError(double[] algo, double[] bench, double periods) {
        if (algo.length != bench.length) {
            return Double.NaN;
        }
        double[] d = new double[algo.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = algo[i] - bench[i];
        }
        return Math.sqrt(annualVariance(d, periods));
    }

    /** LEAN's compounding annual return: {@code (end / start)^(1 / years) - 1}; NaN when undefined. */
    public static double compoundingAnnualReturn(double start, double end, double years) {
        if (!(years > 0) || !(start > 0)) {
            return Double.NaN;
        }
        double r = Math.pow(end / start, 1 / years) - 1;
        return Double.isFinite(r) ? r : Double.NaN;
    }

    /**
     * LEAN's {@code DrawdownPercent}: the largest fall from a running high, as a positive share.
     *
     * @param values equity in time order
     * @return the drawdown in [0, 1], 0 when empty
     */
    public static double drawdown(double[] values) {
        double high = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double v : values) {
            high = Math.max(high, v);
            if (high > 0) {
                worst = Math.min(worst, v / high - 1);
            }
        }
        return -worst + 0.0;
    }

    /**
     * The longest recovery: over every drawdown that recovered, the days from its peak to the first
     * point back at or above the peak.
     *
     * @param days   each point's day number (epoch day of the close)
     * @param values equity at each close
     * @return days, 0 when no drawdown recovered
     */
    public static long drawdownRecoveryDays(long[] days, double[] values) {
        long best = 0;
        int peak = -1;
        boolean under = false;
        for (int i = 0; i < values.length; i++) {
            if (peak < 0 || values[i] >= values[peak]) {
                if (under) {
                    best = Math.max(best, days[i] - days[peak]);
                    under = false;
                }
                peak = i;
            } else {
                under = true;
            }
        }
        return best;
    }

    /**
     * Historical value at risk and expected shortfall over one period of the returns, as positive
     * losses: with {@code k = ceil(n (1 - confidence))}, VaR is minus the k-th smallest return and
     * ES minus the mean of the k smallest.
     *
     * @return {VaR, ES}, NaN when empty
     */
    public static double[] tail(double[] x, double confidence) {
        if (x.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return Stats.tail(x, confidence);
    }

    /** @return the standard normal distribution function (absolute error below 1e-7) */
    public static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        // Chebyshev fit of erfc (Numerical Recipes' erfcc): fractional error below 1.2e-7 everywhere
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
